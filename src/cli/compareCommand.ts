// `queue-lens compare A B`: two run sets, B against A, beyond hash luck (core/analysis/compare).
import { weightsPresetArg } from './presetArg';
import * as fs from 'node:fs';
import { COMPARE_DEFAULTS } from '../core/analysis/compare/compare';
import { compareFolders } from '../core/analysis/compare/compareLoader';
import type { CompareReport } from '../core/analysis/compare/compareModel';
import { UNIFORM } from '../core/analysis/odds/presets';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { formatMbit } from '../core/text';

const USAGE = 'usage: queue-lens compare A B [--preset P] [--level L] [--resamples R] [--seed S] [--min-effect E] [--json]';

const HELP = `${USAGE}

A and B are folders of runs, each read as Compare Queue Counts reads one (manifest.json, or logs named
q5-t2.iperf.log; per-queue counters beside a run are its measured busy queues). Any mix of queue counts.
Prints, B against A:
  - per queue count, the mean throughput of each and B/A with its bootstrap interval (measured);
  - the same per busy queue (throughput / the run's measured busy queues), which takes out where the
    streams landed, and the runs stratified by busy queues;
  - whether each set's busy-queue counts fit the model's odds: Pearson X² over (n, busy) cells, p-value by
    seeded Monte Carlo draws under the model's exact busy-queue distribution;
  - a verdict: same (no difference beyond hash luck), faster-per-queue, slower-per-queue, or spread-only
    (B differs in total only because its streams used more or fewer queues).
Intervals are percentile bootstrap intervals, the runs resampled within each set and queue count; only
queue counts with at least two runs in both sets count toward the verdict.
  --preset     hashing preset or '${UNIFORM}' (default): the model's busy-queue odds
  --level      two-sided level of the intervals (default ${COMPARE_DEFAULTS.level})
  --resamples  bootstrap resamples (default ${COMPARE_DEFAULTS.resamples})
  --seed       seed of the bootstrap and of the Monte Carlo test (default ${COMPARE_DEFAULTS.seed})
  --min-effect the smallest relative change called a difference (default ${COMPARE_DEFAULTS.minEffect}): the interval
               must exclude no change and the estimate be this far from it
  --json       the report as JSON (rates in bits/s), with "verdict"
`;

const ratio = (e: { value: number; low: number; high: number } | undefined): string =>
  e ? `${e.value.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]` : '-';

function table(head: string[], rows: string[][]): string[] {
  const w = head.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < w.length; i++) if (r[i].length > w[i]) w[i] = r[i].length;
  const fmt = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padStart(w[i]) : c.padStart(w[i]))).join('  ').trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

/** The text the CLI prints (also the editor's text export). */
function renderCompareText(r: CompareReport): string {
  const lvl = `${Math.round(r.method.level * 1000) / 10} %`;
  const out = [
    `A = ${r.a.label}: ${r.a.runs.length} runs, ${r.a.streams} streams each; B = ${r.b.label}: ${r.b.runs.length} runs, ${r.b.streams} streams each; rates in Mbit/s (measured)`,
    `verdict: ${r.verdict}`,
    '',
    ...table(
      ['n', 'runs A', 'runs B', 'mean A', 'mean B', `B/A [${lvl}]`, 'busy A', 'busy B', 'per busy A', 'per busy B', `per busy B/A [${lvl}]`],
      r.points.map((p) => [
        String(p.n), String(p.aRuns), String(p.bRuns), formatMbit(p.aMeanBps), formatMbit(p.bMeanBps), ratio(p.throughput),
        p.aBusyMean === undefined ? '-' : p.aBusyMean.toFixed(2), p.bBusyMean === undefined ? '-' : p.bBusyMean.toFixed(2),
        formatMbit(p.aPerBusyBps), formatMbit(p.bPerBusyBps), ratio(p.perBusyQueue),
      ]),
    ),
  ];
  const strata = r.points.filter((p) => p.strata.length > 1);
  if (strata.length) {
    out.push('', 'stratified by measured busy queues (runs A/B, mean A/B):');
    for (const p of strata) {
      out.push(`  n = ${p.n}: ${p.strata.map((s) => `${s.busy} busy: ${s.aRuns}/${s.bRuns} runs, ${formatMbit(s.aMeanBps)}/${formatMbit(s.bMeanBps)}`).join('; ')}`);
    }
  }
  out.push('', `overall B/A: throughput ${ratio(r.throughput)}, per busy queue ${ratio(r.perBusyQueue)} (${r.method.conditionedOn})`, '', ...r.sentences);
  return `${out.join('\n')}\n`;
}

function numberArg(v: string | undefined, name: string, ok: (x: number) => boolean, what: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!ok(x)) throw new UsageError(`--${name} must be ${what}, got '${v}'`);
  return x;
}

export const compareCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: {
      preset: { type: 'string' },
      level: { type: 'string' },
      resamples: { type: 'string' },
      seed: { type: 'string' },
      'min-effect': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length !== 2) throw new UsageError(`two folders of runs, A and B; got ${positionals.length}\n${USAGE}`);
  const preset = weightsPresetArg(values.preset);
  const level = numberArg(values.level, 'level', (x) => x > 0 && x < 1, 'a number between 0 and 1');
  const resamples = numberArg(values.resamples, 'resamples', (x) => Number.isInteger(x) && x >= 100 && x <= 1e6, 'an integer from 100 to 1000000');
  const seed = numberArg(values.seed, 'seed', (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32, 'an integer from 0 to 2^32 − 1');
  const minEffect = numberArg(values['min-effect'], 'min-effect', (x) => x >= 0 && x < 1, 'a number from 0 to below 1');
  for (const dir of positionals) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) { io.err(`queue-lens compare: ${dir} is not a folder\n`); return 2; }
  }
  const report = await compareFolders(positionals[0], positionals[1], { preset, level, resamples, seed, minEffect });
  if (values.json) io.out(`${JSON.stringify({ dirs: { a: positionals[0], b: positionals[1] }, ...report }, null, 2)}\n`);
  else io.out(renderCompareText(report));
  for (const w of report.warnings) io.err(`warning: ${w}\n`);
  return 0;
};
