// `queue-lens spread`: how k flows spread over n queues for each n in a range, per preset.
import { blipProbability } from '../core/analysis/odds/blip';
import { expectedMax, maxLoadDistribution, pBalanced, prefetchUniformMaxLoad } from '../core/analysis/odds/maxLoad';
import { presetWeights, UNIFORM, WeightsPreset } from '../core/analysis/odds/presets';
import { weightsPresetArg } from './presetArg';
import { occupiedDistribution } from '../core/analysis/odds/occupancy';
import { expectedThroughput } from '../core/analysis/odds/throughput';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { spreadCaptureCommand } from './spreadCaptureCommand';

const USAGE = 'usage: queue-lens spread --flows K --queues A-B [--preset P] [--queue-gbps X] [--json]\n       queue-lens spread --capture FILE --preset P [--queues N] [--table FILE] … [--json]   (--capture --help for more)';
const MAX_FLOWS = 1024;
const MAX_QUEUES = 256;

interface SpreadRow {
  n: number;
  pBalanced: number;
  expectedMax: number;
  maxLoad: Record<string, number>;
  /** Expected aggregate throughput: per-queue-capacity units, or Gb/s with --queue-gbps. */
  throughput: { A: number; B: number };
  /** P(exactly o queues get at least one flow), o → p, p > 0 (model A's throughput is o). */
  busyQueues: Record<string, number>;
  /** Present when some max loads (this one and up) have probabilities below 1e-290, left out of maxLoad. */
  omittedFrom?: number;
}

export interface SpreadReport {
  flows: number;
  queues: SpreadRow[];
}

export function spreadReport(flows: number, from: number, to: number, preset: WeightsPreset | undefined, queueGbps = 1): SpreadReport {
  const weightsFor = presetWeights(preset);
  // One shared pass for every uniform n (and n−1, which the blip compares with).
  if (preset === undefined || preset === UNIFORM) prefetchUniformMaxLoad(flows, range(Math.max(1, from - 1), to));
  const queues: SpreadRow[] = [];
  for (let n = from; n <= to; n++) {
    const w = weightsFor(n);
    const d = maxLoadDistribution(flows, w);
    const maxLoad: Record<string, number> = {};
    for (const e of d.pmf) maxLoad[String(e.load)] = e.p;
    const busyQueues: Record<string, number> = {};
    occupiedDistribution(flows, w).forEach((p, o) => { if (p > 0) busyQueues[String(o)] = p; });
    const row: SpreadRow = {
      n,
      pBalanced: pBalanced(d),
      expectedMax: expectedMax(d),
      maxLoad,
      throughput: { A: expectedThroughput('A', flows, w) * queueGbps, B: expectedThroughput('B', flows, w, d) * queueGbps },
      busyQueues,
    };
    if (d.omitted) row.omittedFrom = d.omitted.from;
    queues.push(row);
  }
  return { flows, queues };
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function parseIntArg(name: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined) throw new UsageError(`--${name} is required\n${USAGE}`);
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`--${name} must be a whole number, got '${v}'`);
  const x = Number(v);
  if (x < min || x > max) throw new UsageError(`--${name} must be in ${min}..${max}, got ${x}`);
  return x;
}

function parseRange(v: string | undefined): [number, number] {
  if (v === undefined) throw new UsageError(`--queues is required\n${USAGE}`);
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(v);
  if (!m) throw new UsageError(`--queues must be N or A-B, got '${v}'`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < a || b > MAX_QUEUES) throw new UsageError(`--queues must satisfy 1 ≤ A ≤ B ≤ ${MAX_QUEUES}, got '${v}'`);
  return [a, b];
}

// Seven significant digits below 1e-3, so a printed tail value is the computed one to 1e-6 relative.
const fmt = (p: number): string => (p !== 0 && p < 1e-3 ? p.toExponential(6) : p.toFixed(6));

function renderText(r: SpreadReport, preset: string, unit: string, weightsFor: (n: number) => number[]): string {
  const lines = [
    `${r.flows} flows, preset ${preset}; throughput in ${unit}: A = work-conserving queues, B = slowest stream`,
    '',
  ];
  for (const row of r.queues) {
    let blip = '';
    if (row.n >= 2) {
      const a = blipProbability('A', r.flows, row.n, weightsFor);
      const b = blipProbability('B', r.flows, row.n, weightsFor);
      blip = `  P(slower than n=${row.n - 1}): A ${a.pSlower.toFixed(4)}, B ${b.pSlower.toFixed(4)}`;
    }
    lines.push(
      `n=${row.n}  P(balanced) ${fmt(row.pBalanced)}  E[max load] ${row.expectedMax.toFixed(6)}  ` +
        `throughput A ${row.throughput.A.toFixed(4)}  B ${row.throughput.B.toFixed(4)}${blip}`,
    );
    lines.push(`     max load: ${Object.entries(row.maxLoad).map(([l, p]) => `${l}: ${fmt(p)}`).join('  ')}`);
    lines.push(`     busy queues: ${Object.entries(row.busyQueues).map(([o, p]) => `${o}: ${fmt(p)}`).join('  ')}`);
    if (row.omittedFrom !== undefined) lines.push(`     (max load ≥ ${row.omittedFrom}: each below 1e-290, too small for doubles to give; omitted)`);
  }
  return lines.join('\n') + '\n';
}

export const spreadCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  // a capture's queue view (the editor's), rather than k abstract flows
  if (argv.some((a) => a === '--capture' || a.startsWith('--capture='))) return spreadCaptureCommand(argv, io);
  const { values } = parseCliArgs({
    args: argv,
    options: {
      flows: { type: 'string' },
      queues: { type: 'string' },
      preset: { type: 'string' },
      'queue-gbps': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
  if (values.help) {
    io.out(
      `${USAGE}\n\nFor each n in A..B: P(perfect balance), E[max queue load], the max-load and busy-queue distributions, and the expected\n` +
        'aggregate throughput under model A (work-conserving queues) and B (slowest stream). Throughput is in units of\n' +
        'one queue\'s capacity unless --queue-gbps gives that capacity in Gb/s. --preset takes a hashing preset\n' +
        `(its per-flow queue probabilities) or '${UNIFORM}' (default).\n`,
    );
    return 0;
  }
  const flows = parseIntArg('flows', values.flows, 1, MAX_FLOWS);
  const [from, to] = parseRange(values.queues);
  let gbps = 1;
  if (values['queue-gbps'] !== undefined) {
    gbps = Number(values['queue-gbps']);
    if (!(gbps > 0) || !Number.isFinite(gbps)) throw new UsageError(`--queue-gbps must be a positive number, got '${values['queue-gbps']}'`);
  }
  const preset = weightsPresetArg(values.preset);
  const weightsFor = presetWeights(preset);
  const report = spreadReport(flows, from, to, preset, gbps);
  if (values.json) io.out(JSON.stringify(report) + '\n');
  else io.out(renderText(report, preset, values['queue-gbps'] !== undefined ? 'Gb/s' : "units of one queue's capacity", weightsFor));
  return 0;
};
