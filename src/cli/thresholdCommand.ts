// `queue-lens threshold`: how often a fair hash breaks a balance rule like LISA's ((max − min)/min of per-queue load > 30 %).
import { weightsPresetArg } from './presetArg';
import { presetWeights } from '../core/analysis/odds/presets';
import { threshold, ThresholdResult } from '../core/analysis/threshold/threshold';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { formatPercent } from '../core/text';

const USAGE = 'usage: queue-lens threshold --streams K --queues N --max-spread S [--on streams|packets] [--preset P] [--method auto|exact|mc] [--samples M] [--seed S] [--pass P] [--no-search] [--json]';

const HELP = `${USAGE}

The probability that K streams, hashed over N queues by a fair hash (or --preset's queue weights), break the
rule "(max - min) / min of the per-queue load > S" (an empty queue always breaks it). Microsoft LISA's rule is
--streams 64 --queues 8 --max-spread 0.3. Modelled, never measured.
  --on       streams (default): load = streams per queue. packets: load = packets per queue, taken as
             streams per queue × one stream's packets (the streams share a common bottleneck fairly), which
             gives the same figure; when the queues themselves are the bottleneck every busy queue carries
             the same and only an empty queue fails, so P(a queue empty) is printed too.
  --method   auto (default): exact up to 4096 streams and 256 queues, else Monte Carlo; exact; mc
  --samples  Monte Carlo placements (default 200000); --seed its seed (default 1); the standard error is printed
  --pass     the pass rate to search K for (default 0.99); --no-search skips the search (it takes seconds)
  --json     {pFail, method, stdError, ...}
`;

interface ThresholdCliJson extends ThresholdResult {
  on: 'streams' | 'packets';
  preset: string;
  rule: string;
}

function render(r: ThresholdCliJson): string {
  const err = r.method === 'exact'
    ? `exact${r.leftOut ? `, mass below ${r.leftOut.toExponential(1)} left out` : ''}`
    : `Monte Carlo, ${r.samples} placements, seed ${r.seed}, standard error ${r.stdError.toExponential(2)}`;
  const out = [
    `${r.rule} with ${r.flows} streams over ${r.queues} queues (${r.preset}), load = ${r.on} per queue:`,
    `P(fail) = ${r.pFail.toPrecision(6)} (modelled; ${err})`,
    `P(a queue carries nothing) = ${r.pEmptyQueue.toPrecision(6)} (modelled, exact)${r.on === 'packets' ? ': the packets rule\'s failure when the queues, not the streams, share the bottleneck' : ''}`,
  ];
  if (r.kForPass) {
    out.push(r.kForPass.flows === null
      ? `No stream count up to ${r.kForPass.searchedUpTo} passes ${formatPercent(r.kForPass.target)} of the time.`
      : `${r.kForPass.flows} streams pass ${formatPercent(r.kForPass.target)} of the time (P(fail) = ${r.kForPass.pFail?.toPrecision(4)}, exact; found by bisection, a few fewer may pass too).`);
  }
  return `${out.join('\n')}\n`;
}

function intArg(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min || x > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${v}'`);
  return x;
}

export const thresholdCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: {
      streams: { type: 'string' }, queues: { type: 'string' }, 'max-spread': { type: 'string' }, on: { type: 'string' },
      preset: { type: 'string' }, method: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' },
      pass: { type: 'string' }, 'no-search': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  void positionals;
  const k = intArg(values.streams, 'streams', 1, 1_000_000);
  const n = intArg(values.queues, 'queues', 1, 1024);
  if (k === undefined || n === undefined || values['max-spread'] === undefined) throw new UsageError(`--streams, --queues and --max-spread are needed\n${USAGE}`);
  const s = Number(values['max-spread']);
  if (!(s >= 0) || !Number.isFinite(s)) throw new UsageError(`--max-spread must be a number ≥ 0 (0.3 = 30 %), got '${values['max-spread']}'`);
  const on = values.on ?? 'streams';
  if (on !== 'streams' && on !== 'packets') throw new UsageError(`--on must be streams or packets, got '${on}'`);
  const preset = weightsPresetArg(values.preset);
  const m = values.method ?? 'auto';
  if (m !== 'auto' && m !== 'exact' && m !== 'mc') throw new UsageError(`--method must be auto, exact or mc, got '${m}'`);
  const pass = values.pass === undefined ? 0.99 : Number(values.pass);
  if (!(pass > 0 && pass < 1)) throw new UsageError(`--pass must be between 0 and 1, got '${values.pass}'`);
  const samples = intArg(values.samples, 'samples', 100, 100_000_000);
  const seed = intArg(values.seed, 'seed', 0, 2 ** 32 - 1);
  const r = threshold(k, presetWeights(preset)(n), s, {
    method: m === 'mc' ? 'monte-carlo' : m, samples, seed, searchK: !values['no-search'], passTarget: pass,
  });
  const json: ThresholdCliJson = { on, preset, rule: `(max - min) / min > ${s}`, ...r };
  io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : render(json));
  return 0;
};
