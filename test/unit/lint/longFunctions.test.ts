// scripts/long-functions.mjs (`npm run long-functions`): which functions it counts as over 50 lines, on files made
// here with known lengths, so the count the review compares is the count of what the script says it counts.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

/** A body of `lines` lines in total, the opening and closing lines included. */
function body(open: string, lines: number, close = '}'): string {
  return [open, ...Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`), close].join('\n');
}

describe('long-functions script', () => {
  it('lists functions, methods, arrows and constructors over 50 lines (not one of exactly 50), longest first, with file:line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-long-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'a.ts'), [
        body('export function fifty(): void {', 50),
        body('export function fiftyOne(): void {', 51),
        body('export const arrow = (): void => {', 60, '};'),
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'sub', 'b.ts'), [
        'export class K {',
        body('  constructor() {', 52, '  }'),
        body('  method(): void {', 55, '  }'),
        body('  short(): void {', 10, '  }'),
        '}',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'c.d.ts'), body('declare function typed(): void; function notCounted(): void {', 80));
      const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'long-functions.mjs'), '--under', dir], { encoding: 'utf8' });
      const rows = out.trim().split('\n');
      const listed = rows.slice(0, -1).map((r) => {
        const m = /^\s*(\d+)\s+(\S+):(\d+)\s+(.+)$/.exec(r);
        assert.ok(m, r);
        return { lines: Number(m[1]), file: path.basename(m[2]), line: Number(m[3]), name: m[4] };
      });
      assert.deepEqual(listed, [
        { lines: 60, file: 'a.ts', line: 102, name: 'arrow' },
        { lines: 55, file: 'b.ts', line: 54, name: 'method' },
        { lines: 52, file: 'b.ts', line: 2, name: 'constructor' },
        { lines: 51, file: 'a.ts', line: 51, name: 'fiftyOne' },
      ]);
      assert.match(rows.at(-1) ?? '', /^4 function\(s\) over 50 lines in /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
