// Thin launcher for the fuzz harness (test/fuzz): compiles the TypeScript once, then runs it with the given arguments.
// Usage: node scripts/fuzz.mjs --iterations N --seed S [--workers W] [--start K] [--save DIR]
import { spawnSync } from 'node:child_process';

const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 2);
const run = spawnSync(process.execPath, ['out/test/fuzz/main.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 2);
