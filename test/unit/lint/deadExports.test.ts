// `npm run lint` ends with knip over knip.jsonc: a dead export fails it. Shown here on a two-file project in a temp
// folder, checked with the repository's own knip binary and issue types (knip over the whole tree is lint's job).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

const KNIP = path.join(repoRoot, 'node_modules', 'knip', 'bin', 'knip.js');

/** The issue types the repository's knip.jsonc reports (its comments are whole lines). */
function repoIncludes(): string[] {
  const text = fs.readFileSync(path.join(repoRoot, 'knip.jsonc'), 'utf8');
  const json = JSON.parse(text.split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n')) as { include: string[] };
  return json.include;
}

const made: string[] = [];
after(() => { for (const dir of made) fs.rmSync(dir, { recursive: true, force: true }); });

/** A project whose entry is src/main.ts, with the given files; knip's exit status and its report. */
function knipOn(files: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-knip-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'knip-fixture', private: true }));
  fs.writeFileSync(path.join(dir, 'knip.json'), JSON.stringify({ entry: ['src/main.ts'], project: ['src/**/*.ts'], include: repoIncludes() }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(process.execPath, [KNIP, '--no-progress', '--no-config-hints'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const lib = 'export function used(n: number): number {\n  return n + 1;\n}\n\nexport function unusedHelper(n: number): number {\n  return n * 2;\n}\n\nexport interface UnusedShape {\n  n: number;\n}\n';

describe('dead exports fail lint (knip)', () => {
  it('lint runs knip after eslint and the type check, and knip reports exports, types and files', () => {
    const lint = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint;
    assert.match(lint, /&& knip\b/);
    assert.ok(lint.indexOf('knip') > lint.indexOf('typecheck'), lint);
    for (const kind of ['exports', 'types', 'files']) assert.ok(repoIncludes().includes(kind), `knip.jsonc includes ${kind}`);
  });

  it('fails on an exported function and an exported type nothing imports, naming each', () => {
    const r = knipOn({ 'src/main.ts': "import { used } from './lib';\nconsole.log(used(1));\n", 'src/lib.ts': lib });
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /Unused exports \(1\)/);
    assert.match(r.out, /unusedHelper\s+function\s+src\/lib\.ts:5:17/);
    assert.match(r.out, /Unused exported types \(1\)/);
    assert.match(r.out, /UnusedShape\s+interface\s+src\/lib\.ts:9:18/);
    assert.doesNotMatch(r.out, /\bused\s+function/);
  });

  it('fails on a file no entry reaches', () => {
    const r = knipOn({ 'src/main.ts': 'console.log(1);\n', 'src/orphan.ts': 'export const x = 1;\n' });
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /Unused files \(1\)\s+src\/orphan\.ts/);
  });

  it('passes once every export is imported', () => {
    const r = knipOn({
      'src/main.ts': "import { used, unusedHelper, type UnusedShape } from './lib';\nconst s: UnusedShape = { n: used(1) };\nconsole.log(unusedHelper(s.n));\n",
      'src/lib.ts': lib,
    });
    assert.equal(r.status, 0, r.out);
    assert.doesNotMatch(r.out, /Unused/);
  });
});
