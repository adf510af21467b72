// `queue-lens sweep DIR`: a folder of iperf runs at different queue counts against the model's curve and band.
import { weightsPresetArg } from './presetArg';
import * as fs from 'node:fs';
import { sweep, SweepReport } from '../core/analysis/sweep/sweep';
import { loadSweepFolderWithCaptures } from '../core/analysis/sweep/sweepLoader';
import { UNIFORM } from '../core/analysis/odds/presets';
import { ThroughputModel } from '../core/analysis/odds/throughput';
import { checkPresetArgs, presetOptionsFromText } from '../core/hashing';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { errorMessage, formatMbit } from '../core/text';

const USAGE = 'usage: queue-lens sweep DIR [--preset P] [--model A|B] [--capacity MBIT] [--key HEX] [--seed S] [--json]';

const HELP = `${USAGE}

DIR holds one iperf log per run, or one folder per run (a run recorded by queue-lens record is read by its
run.json: its queue count from its configuration or counters, each stream's queue from its trace).
The queue count of each comes from DIR/manifest.json
({"runs": [{"log", "queues", "trial"?, "portQueue"?: {"PORT": queue}}]}) or else from the file name
(queues-5.log, q5-t2.json). Prints per queue count: every run's aggregate throughput and their mean, the
model's expected throughput and its 10-90 % band, P(balanced) and P(slower than n-1); then each run's
spread of streams over queues when known (the manifest's observed map, or an exact --preset applied to the
logged 4-tuples); then every dip (mean below n-1's) with how likely it was.
Per-queue counter snapshots beside a log (q5-t2.tc.txt, q5-t2.before.txt + q5-t2.after.txt, tc/q5-t2.*)
or in a run's subfolder (qdisc-before.txt + qdisc-after.txt, with the log and maybe a capture) are that
run's measured spread: busy queues, and streams per queue where the bytes tell them apart (see
queue-lens observed). An exact --preset that contradicts them is reported as not fitting.
  --preset   hashing preset or '${UNIFORM}' (default): the flows' queue probabilities
  --model    A: work-conserving queues (default); B: slowest stream
  --capacity per-queue capacity in Mbit/s (default: fitted to the runs)
  --json     the report as JSON (rates in bits/s)
`;

interface SweepCliJson extends SweepReport {
  dir: string;
  manifest: boolean;
}


/** push without spreading into the call (a spread of a huge array overflows the stack). */
function pushAll(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

function table(head: string[], rows: string[][], right: (i: number) => boolean): string[] {
  const w = head.map((h) => h.length); // a loop: Math.max(...rows) overflows the stack on huge tables
  for (const r of rows) for (let i = 0; i < w.length; i++) if (r[i].length > w[i]) w[i] = r[i].length;
  const fmt = (r: string[]): string => r.map((c, i) => (right(i) ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

/** Every run at one n, or their range when there are too many to read in a row. */
function runsCell(trials: readonly number[]): string {
  if (trials.length === 0) return '-';
  if (trials.length <= 4) return trials.map((t) => formatMbit(t)).join(' ');
  return `${formatMbit(trials.reduce((a, b) => Math.min(a, b)))}..${formatMbit(trials.reduce((a, b) => Math.max(a, b)))} (${trials.length})`;
}

function renderText(r: SweepCliJson): string {
  const out = [
    `${r.dir}: ${r.runs.length} runs (${r.manifest ? 'manifest.json' : 'queue counts from file names or run.json'}), ` +
      `${r.flows} streams each, preset ${r.preset}, model ${r.model}; rates in Mbit/s`,
    '',
  ];
  const band = `${Math.round(r.band[0] * 100)}-${Math.round(r.band[1] * 100)} %`;
  const stepped = r.points.some((p) => p.trialSteps);
  pushAll(out, table(
    ['n', 'runs', 'mean', 'expected', band, 'in band', 'P(balanced)', 'P(slower than n-1)', ...(stepped ? ['trials fell: seen/model, binomial p'] : [])],
    r.points.map((p) => [
      String(p.n),
      runsCell(p.trials),
      formatMbit(p.meanBps),
      formatMbit(p.expectedBps),
      `${formatMbit(p.lowBps)}-${formatMbit(p.highBps)}`,
      p.meanInBand === undefined ? '' : p.meanInBand ? 'yes' : 'no',
      p.pBalanced.toFixed(4),
      p.pSlowerThanPrevious === undefined ? '' : p.pSlowerThanPrevious.toFixed(4),
      ...(stepped ? [p.trialSteps ? `${p.trialSteps.fell}/${p.trialSteps.expected.toFixed(1)} of ${p.trialSteps.steps}, p ${p.trialSteps.pValue.toFixed(2)}` : ''] : []),
    ]),
    (i) => i !== 1 && i !== 5,
  ));
  const spreads = r.runs.filter((x) => x.spread);
  if (spreads.length) {
    out.push('', 'spread of the streams over the queues (streams per queue; ? = the counters cannot tell):');
    pushAll(out, table(
      ['run', 'n', 'measured', 'loads', 'max', 'used', 'model', 'from'],
      spreads.map((x) => [
        x.name, String(x.queues), formatMbit(x.throughput.bitsPerSecond),
        x.spread?.loads ? `[${x.spread.loads.join(' ')}]` : `[${x.spread?.counters?.streamsPerQueue.map((c) => c ?? '?').join(' ')}]`,
        x.spread?.maxLoad === undefined ? '?' : String(x.spread.maxLoad), String(x.spread?.occupied), formatMbit(x.spread?.modelBps),
        x.spread?.source === 'observed' ? (x.spread.portQueueFrom === 'trace' ? 'measured (trace)' : x.spread.counters ? `measured (${x.spread.counters.source})` : 'measured') : 'preset (model)',
      ]),
      (i) => i === 1 || i === 2 || i === 4 || i === 5 || i === 6,
    ));
  }
  out.push('');
  pushAll(out, r.sentences);
  return `${out.join('\n')}\n`;
}

function parseModel(v: string | undefined): ThroughputModel {
  if (v === undefined) return 'A';
  const m = v.toUpperCase();
  if (m !== 'A' && m !== 'B') throw new UsageError(`--model must be A or B, got '${v}'`);
  return m;
}

function parseSweepArgs(argv: string[]) {
  return parseCliArgs({
    args: argv,
    options: {
      preset: { type: 'string' },
      model: { type: 'string' },
      capacity: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
}

/** The sweep's options checked: preset (or uniform), model, capacity and the preset's key and seed; a UsageError says what is wrong. */
function sweepOptions(values: ReturnType<typeof parseSweepArgs>['values']): NonNullable<Parameters<typeof sweep>[1]> {
  const preset = weightsPresetArg(values.preset);
  const model = parseModel(values.model);
  let capacityBps: number | undefined;
  if (values.capacity !== undefined) {
    const c = Number(values.capacity);
    if (!(c > 0) || !Number.isFinite(c)) throw new UsageError(`--capacity must be a positive number of Mbit/s, got '${values.capacity}'`);
    capacityBps = c * 1e6;
  }
  const argText = { key: values.key, seed: values.seed };
  if (preset !== UNIFORM) {
    const bad = checkPresetArgs(preset, argText);
    if (bad) throw new UsageError(bad);
  } else if (values.key !== undefined || values.seed !== undefined) {
    throw new UsageError(`--key and --seed need a hashing --preset, not '${UNIFORM}'`);
  }
  let presetOptions;
  try {
    presetOptions = presetOptionsFromText(argText).opts;
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  return { preset, model, capacityBps, presetOptions };
}

export const sweepCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseSweepArgs(argv);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length !== 1) throw new UsageError(`${positionals.length === 0 ? 'no folder given' : 'one folder at a time'}\n${USAGE}`);
  const dir = positionals[0];
  const options = sweepOptions(values);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    io.err(`queue-lens sweep: ${dir} is not a folder\n`);
    return 2;
  }
  const loaded = await loadSweepFolderWithCaptures(dir);
  if (loaded.runs.length === 0) {
    io.err(`queue-lens sweep: no runs in ${dir}\n${loaded.warnings.map((w) => `warning: ${w}\n`).join('')}`);
    return 2;
  }
  const report = sweep(loaded.runs, options);
  const json: SweepCliJson = { dir, manifest: loaded.manifest, ...report, warnings: [...loaded.warnings, ...report.warnings] };
  if (values.json) io.out(`${JSON.stringify(json)}\n`);
  else io.out(renderText(json));
  for (const w of json.warnings) io.err(`warning: ${w}\n`);
  return 0;
};

