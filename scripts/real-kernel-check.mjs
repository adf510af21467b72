// Writes docs/real-kernel-check.md: the linux-tx model vs the tx queues a real Linux 6.18 kernel picked.
// Needs the compiled sources: `npx tsc -p tsconfig.json && node scripts/real-kernel-check.mjs [--stdout]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'out', 'src', 'core', 'analysis', 'index.js');
if (!existsSync(compiled)) {
  process.stderr.write('real-kernel-check: compile first (npx tsc -p tsconfig.json)\n');
  process.exit(2);
}
const { parseTxQueues, checkTxQueues, realKernelMarkdown } = createRequire(import.meta.url)(compiled);

const fixtures = join(root, 'test', 'fixtures');
const csv = join(fixtures, 'txqueues', 'txqueues.csv');
const check = checkTxQueues(parseTxQueues(readFileSync(csv, 'utf8')), 0.01);
const md = realKernelMarkdown(check, 'test/fixtures/txqueues/txqueues.csv');

if (process.argv.includes('--stdout')) {
  process.stdout.write(md);
} else {
  const out = join(root, 'docs', 'real-kernel-check.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  process.stdout.write(`wrote ${out}: ${check.rejected ? 'REJECTED' : 'not rejected'} at 1%\n`);
}
process.exitCode = check.rejected ? 1 : 0;
