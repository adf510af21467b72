#!/usr/bin/env node
// The adversarial simulator for `queue-lens observed` (test/sim/observedSim.ts): seeded runs across the error model
// (1–10 % unrelated traffic on random queues, 2–8 % retransmissions on half the streams, headers 0.5–7.5 %, text-log
// rounding, sender totals with data left in the socket, captures that dropped frames, server logs on port 5201),
// every statement checked against the truth. Prints the figures docs/observed.md publishes.
// Usage: npx tsc -p tsconfig.json && node scripts/sim-observed.mjs [RUNS=10000] [FIRST_SEED=1] [--kmax 12 --nmax 8]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { runSims } = require(path.join(root, 'out/test/sim/runSim.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); if (i < 0) return dflt; const v = Number(args[i + 1]); args.splice(i, 2); return v; };
const kMax = opt('--kmax', 12);
const nMax = opt('--nmax', 8);
const runs = Number(args[0] ?? 10000);
const first = Number(args[1] ?? 1);
const t0 = Date.now();
const f = runSims(first, runs, { kMin: 2, kMax, nMin: 2, nMax });
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`seeds ${first}..${first + runs - 1}: ${f.runs} runs of 2–${kMax} streams over 2–${nMax} queues (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
console.log(`streams ${f.streams}: stated ${f.stated} (${pct(f.stated, f.streams)}), left open ${f.open} with ${f.meanOpenCandidates.toFixed(2)} candidates on average`);
console.log(`queue loads stated ${f.loadsStated} of ${f.queues} (${pct(f.loadsStated, f.queues)}); runs stopped at the budget ${f.stopped}; runs where nothing fit ${f.noFit}`);
console.log('by source: ' + Object.entries(f.bySource).sort().map(([k, v]) => `${k}: ${v.stated}/${v.streams} stated in ${v.runs} runs`).join('; '));
console.log(`wrong statements: ${f.wrong.length}`);
for (const w of f.wrong.slice(0, 20)) console.log(`  ${w}`);
process.exitCode = f.wrong.length === 0 && f.noFit === 0 ? 0 : 1;
