// Every source path the documentation names exists, so a moved file cannot leave the docs pointing nowhere.
// docs/spec/ is left out: it quotes other projects' sources (the Xen drivers' src/xennet/…).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

/** The documents checked: README.md, CONTRIBUTING.md and docs/*.md. */
function documents(): string[] {
  const docs = fs.readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f));
  return ['README.md', 'CONTRIBUTING.md', ...docs];
}

/** `src/…` paths in a text: a glob (`src/extension/views/*.ts`, `src/core/**`) stands for the folder before its first `*`. */
function sourcePaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w/.-])src\/[\w.*/-]*/g)) {
    const p = m[0].split('*')[0].replace(/[./]+$/, '');
    if (p !== 'src') found.add(p);
  }
  return [...found];
}

describe('source paths in the documentation', () => {
  it('finds plain, folder and glob paths, and none inside other words', () => {
    assert.deepEqual(sourcePaths('see `src/core/flows/analyse.ts`, `src/core/**` and src/extension/views/*.ts. Not xsrc/a or ../src/b'),
      ['src/core/flows/analyse.ts', 'src/core', 'src/extension/views']);
  });

  it('every src/ path named in README.md, CONTRIBUTING.md and docs/*.md exists', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const doc of documents()) {
      const lines = fs.readFileSync(path.join(repoRoot, doc), 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const p of sourcePaths(line)) {
          checked++;
          if (!fs.existsSync(path.join(repoRoot, p))) missing.push(`${doc}:${i + 1}: ${p}`);
        }
      });
    }
    assert.ok(checked > 50, `only ${checked} paths found: the pattern no longer matches the docs`);
    assert.deepEqual(missing, [], `paths named in the docs that do not exist:\n${missing.join('\n')}`);
  });
});
