// Thin launcher: compiles, then streams a generated N GB pcap through the analyser via a FIFO (test/fuzz/hugeCapture.ts).
// Usage: node scripts/huge-capture.mjs [--gb 10] [--write]
import { spawnSync } from 'node:child_process';

const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 2);
const run = spawnSync(process.execPath, ['out/test/fuzz/hugeCapture.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 2);
