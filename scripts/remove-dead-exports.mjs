// Removes what knip (knip.jsonc, the last step of `npm run lint`) calls dead: `knip --fix` drops each `export` and
// each unused file, this script tidies the gaps it leaves in export lists, and then lists the declarations the type
// check now finds unused (TS6133/TS6196), to be deleted by hand. Run on a clean work tree: only files git sees
// changed are tidied.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const knip = spawnSync('node_modules/.bin/knip', ['--no-progress', '--fix', '--allow-remove-files'], { stdio: 'inherit' });
if (knip.status !== 0 && knip.status !== 1) process.exit(knip.status ?? 2);

/** `{ a,  , b }` → `{ a, b }`, keeping a list's line breaks; an empty list removes its statement. */
function tidyList(statement) {
  const open = statement.indexOf('{');
  const close = statement.indexOf('}', open);
  const inner = statement.slice(open + 1, close);
  const names = inner.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return '';
  let list;
  if (!inner.includes('\n')) list = ` ${names.join(', ')} `;
  else {
    const lines = inner.split('\n').map((l) => l.split(',').map((s) => s.trim()).filter(Boolean)).filter((l) => l.length);
    list = `\n${lines.map((l) => `  ${l.join(', ')},`).join('\n')}\n`;
  }
  return `${statement.slice(0, open + 1)}${list}${statement.slice(close)}`;
}

const changed = execFileSync('git', ['diff', '--name-only', '--diff-filter=M'], { encoding: 'utf8' }).split('\n').filter((f) => /\.(ts|mjs)$/.test(f));
for (const file of changed) {
  const before = fs.readFileSync(file, 'utf8');
  const after = before
    .replace(/^export (type )?\{[^}]*\}( from '[^']*')?;\n/gm, (s) => { const t = tidyList(s.slice(0, -1)); return t ? `${t}\n` : ''; })
    .replace(/^;\n/gm, '');
  // a statement removed between two blank lines leaves one
  const tidy = before.includes('\n\n\n') ? after : after.replace(/\n\n\n+/g, '\n\n');
  if (tidy !== before) fs.writeFileSync(file, tidy);
}

// What lost its last use with its `export`: delete these (and any import they alone needed), then run again.
const unused = new Set();
for (const project of ['tsconfig.json', 'src/webview/tsconfig.json']) {
  const tsc = spawnSync('node_modules/.bin/tsc', ['-p', project, '--noEmit'], { encoding: 'utf8' });
  for (const line of tsc.stdout.split('\n')) if (/error TS6(133|196)/.test(line)) unused.add(line);
}
for (const line of unused) console.log(`now unused: ${line}`);
console.log(unused.size ? `${unused.size} declarations to delete by hand` : 'nothing left unused');
