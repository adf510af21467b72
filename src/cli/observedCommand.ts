// `queue-lens observed RUN`: which tx queue each stream of a run used, measured from per-queue counters.
import { presetNameArg } from './presetArg';
import * as fs from 'node:fs';
import { NoQueueCountersError } from '../core/counters';
import { observeRunInputs, ObservedRunJson, RunFiles } from '../core/analysis/observed/observeRun';
import { readRun } from '../core/runs/readRun';
import { RunQueueCpu, runQueueCpu } from '../core/analysis/queueCpu/runConfig';
import { runPresetFit, RunPresetFit } from '../core/analysis/observed/presetFit';
import { balanceRuleCheck, balanceRuleSentence } from '../core/analysis/threshold/balanceRule';
import { checkPresetArgs, PresetName, PresetOptions, presetOptionsFromText } from '../core/hashing';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { observedFromTrace } from './observedTrace';
import { observedFromCaptureQueues } from './observedCaptureQueues';
import { errorMessage } from '../core/text';

const USAGE = 'usage: queue-lens observed [RUN] [--log LOG] [--capture PCAP] [--counters AFTER [--before BEFORE]] [--dev DEV] [--preset P [--key HEX] [--seed S]] [--json]';

const HELP = `${USAGE}

RUN is a folder holding an iperf log and/or a capture plus per-queue counter snapshots taken around the
run (qdisc-before.txt / qdisc-after.txt, ethtool-before.txt / ethtool-after.txt, class-after.txt, or
X.tc.txt / X.before.txt / X.after.txt beside a log X.iperf.log); or name the parts with the options.
A folder written by \`queue-lens record\` is read by its run.json. Otherwise each log is told by its content:
the client's ("Connecting to host", "Client connecting to", iperf3 -J's connecting_to) is the run's, and the
server's beside it ("Server listening") lends its receiver totals; two client logs must be named with --log.
The streams' bytes (from the capture's wire segments when there is one, else the log's totals) are matched
against the per-queue deltas under a stated error model (docs/observed.md): headers and retransmissions add
a bounded share to each stream, unrelated traffic adds bytes to any queue. A stream's queue is given only
where every assignment that model allows agrees (else queue null, its candidates and why). Streams are
keyed by test and 4-tuple (a server log's streams all have local port 5201). The search stops cleanly at
its budget (10 s) and leaves unproven streams open. Busy queues and bytes per queue are measured.
Exact sources win over the counters: a recorded trace first; then a pcapng whose packets carry epb_queue
(DPDK's dpdk-dumpcap writes it; epb_hash is shown too), or a folder of one capture per queue named
q<N>, queue<N>, rx<N> or tx<N> (optionally -N or _N; .pcap, .pcapng, .cap, optionally .gz), where each flow's
queue is the file it is in: every stream's queue is then measured ("source": "capture-queue").
  --preset  an exact preset (windows-pv-8.1, nic-rss-toeplitz, …) applied to each stream's tuple at the run's
            queue count and checked against the counters: "does not fit this run" when it predicts another
            number of busy queues or a queue the counters rule out for some stream. A model preset (linux-tx,
            …) predicts no queue per stream: nothing is checked.
  --json   {"queues", "busyQueues", "queueBytes", "streamsPerQueue", "streams": [{"localPort", "key", "queue", "candidates", "why", "flow"}],
            "errorModel", "exhaustive", "stopped", "method", ...,
            "presetFit" (with an exact --preset): {"preset", "fits", "reason", "streams": [{"localPort", "queue", "allowed"}], "text", ...}}
`;

/** `queue-lens observed --json`: the run, and with an exact --preset its fit. */
type ObservedCliJson = ObservedRunJson & { presetFit?: RunPresetFit; queueConfig?: RunQueueCpu };

/** The run's bytes per queue against LISA's rule, with a fair hash's odds of breaking it (threshold/balanceRule.ts). */
function balanceRuleLines(r: ObservedCliJson): string[] {
  const c = balanceRuleCheck(r.queueBytes, r.streams.length);
  return c ? [balanceRuleSentence(c, r.streams.length, r.queues)] : [];
}

function render(r: ObservedCliJson, preset: string | undefined): string {
  const spq = r.streamsPerQueue.map((c) => (c === null ? '?' : String(c))).join(' ');
  const out = [
    `counters: ${r.counters.source}${r.counters.device ? ` of ${r.counters.device}` : ''}, ${r.counters.before ? `${r.counters.after} minus ${r.counters.before}` : `${r.counters.after} (one snapshot)`}`,
    `streams: ${r.log ?? '-'}${r.capture ? `, bytes from ${r.capture} (wire segments)` : ' (bytes from the log)'}`,
    '',
    `measured: ${r.busyQueues} of ${r.queues} queues busy; bytes per queue [${r.queueBytes.join(' ')}]`,
    `streams per queue: [${spq}]${r.streamsPerQueue.includes(null) ? '  (? = the counters cannot tell)' : ''}`,
    ...(r.streamsPerQueue.includes(null) && r.groups.some((g) => g.localPorts.length > 1)
      ? [`streams that shared one queue in every fitting assignment: ${r.groups.filter((g) => g.localPorts.length > 1).map((g) => `{${g.localPorts.join(' ')}}`).join(' ')}`]
      : []),
    '',
    'local port  queue  candidates  bytes  stream',
    ...r.streams.map((s) => `${String(s.localPort).padStart(10)}  ${(s.queue === null ? '?' : String(s.queue)).padStart(5)}  ${s.candidates.join(',').padEnd(10)}  ${s.bytes}  ${s.key}`),
    '',
    `error model: ${r.errorModel.text}.`,
    r.solutions === 0
      ? 'no assignment fits the counters within the error model.'
      : `a queue is given only where every assignment that fits the counters within the error model agrees (${r.method ?? 'search'}; ${r.exhaustive ? 'complete' : `stopped: ${r.stopped ?? 'budget'}, what was not proven is left open`}). ` +
        `Counter bytes = ${r.scale.toFixed(4)} × stream bytes.`,
    ...balanceRuleLines(r),
    ...(r.presetFit
      ? ['', r.presetFit.text, `queue per stream under ${r.presetFit.preset} (model): ${r.presetFit.streams.map((s) => `${s.localPort}→q${s.queue}${s.allowed ? '' : ' (ruled out)'}`).join(' ')}`]
      : preset ? ['', `preset ${preset} is a model (no fixed queue per stream): nothing to check against the counters.`] : []),
    ...(r.queueConfig ? ['', `queue configuration (config/): ${r.queueConfig.config.sentence}`, ...(r.queueConfig.queueCpu ? [`queue → CPU: ${r.queueConfig.queueCpu.sentence}`] : [])] : []),
  ];
  return `${out.join('\n')}\n`;
}

function parseObservedArgs(argv: string[]) {
  return parseCliArgs({
    args: argv,
    options: {
      log: { type: 'string' },
      capture: { type: 'string' },
      counters: { type: 'string' },
      before: { type: 'string' },
      dev: { type: 'string' },
      preset: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
}

type ObservedArgs = ReturnType<typeof parseObservedArgs>['values'];

/** The options that must come together, and the preset's key and seed; a UsageError names what is wrong. */
function checkedPreset(values: ObservedArgs, positionals: string[]): PresetOptions {
  if (positionals.length > 1) throw new UsageError(`one run folder at a time\n${USAGE}`);
  if (values.before !== undefined && values.counters === undefined) throw new UsageError(`--before needs --counters\n${USAGE}`);
  const preset = presetNameArg(values.preset);
  const argText = { key: values.key, seed: values.seed };
  if (preset === undefined && (values.key !== undefined || values.seed !== undefined)) throw new UsageError(`--key and --seed need --preset\n${USAGE}`);
  const bad = preset !== undefined ? checkPresetArgs(preset, argText) : undefined;
  if (bad) throw new UsageError(bad);
  let presetOptions;
  try {
    presetOptions = presetOptionsFromText(argText).opts;
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  if (positionals[0] === undefined && values.counters === undefined) throw new UsageError(`no run folder and no --counters\n${USAGE}`);
  return presetOptions;
}

/** The run folder and the named files exist; else the user is told which does not (the caller exits 2). */
function inputsExist(dir: string | undefined, values: ObservedArgs, io: CliIo): boolean {
  if (dir !== undefined && (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())) {
    io.err(`queue-lens observed: ${dir} is not a folder\n`);
    return false;
  }
  for (const f of [values.log, values.capture, values.counters, values.before]) {
    if (f !== undefined && !fs.existsSync(f)) { io.err(`queue-lens observed: cannot read ${f}: no such file\n`); return false; }
  }
  return true;
}

function namedFiles(values: ObservedArgs): RunFiles {
  const files: RunFiles = {};
  if (values.log !== undefined) files.log = values.log;
  if (values.capture !== undefined) files.capture = values.capture;
  if (values.counters !== undefined) files.counters = values.before !== undefined ? { after: values.counters, before: values.before } : { after: values.counters };
  return files;
}

/**
 * The run's streams and queues: a recorded trace or a capture that names each packet's queue answers exactly (and is
 * printed here: the exit code comes back), else the counters are matched (the model comes back).
 */
async function observe(dir: string | undefined, values: ObservedArgs, io: CliIo): Promise<ObservedCliJson | number> {
  try {
    // one reading of the run: run.json when it was recorded, else the folder's files by their content
    const run = readRun(dir, namedFiles(values), { device: values.dev });
    // a recorded trace answers exactly, unless the caller named the parts to match
    if (dir !== undefined && run.manifest && values.log === undefined && values.capture === undefined && values.counters === undefined) {
      const traced = observedFromTrace(dir, presetNameArg(values.preset), values.json, io, run);
      if (traced !== undefined) return traced;
    }
    // a capture that says each packet's queue (epb_queue, or one capture per queue) answers exactly, before counters
    if (values.counters === undefined) {
      const exact = await observedFromCaptureQueues(run, values.json, io);
      if (exact !== undefined) return exact;
    }
    if (!run.log && !run.capture) {
      io.err(`queue-lens observed: no iperf log or capture${dir ? ` in ${dir}` : ''} (name one with --log or --capture)\n`);
      for (const w of run.warnings) io.err(`warning: ${w}\n`);
      return 2;
    }
    return await observeRunInputs(run);
  } catch (e) {
    if (e instanceof NoQueueCountersError) { io.err(`queue-lens observed: ${e.message}\n`); return 2; }
    throw e;
  }
}

/** With an exact --preset: its fit to the counters; a preset that cannot be applied is a warning. */
function withPresetFit(r: ObservedCliJson, preset: PresetName, presetOptions: PresetOptions): ObservedCliJson {
  try {
    const fit = runPresetFit(r, preset, presetOptions);
    return fit ? { ...r, presetFit: fit } : r;
  } catch (e) {
    return { ...r, warnings: [...r.warnings, `preset ${preset} not checked against the counters: ${errorMessage(e)}`] };
  }
}

/** With a run folder: its queue configuration (config/) and which CPUs the busy queues used. */
function withQueueConfig(r: ObservedCliJson, dir: string): ObservedCliJson {
  try {
    const qc = runQueueCpu(dir, r.queues, r.queueBytes);
    return qc ? { ...r, queueConfig: qc, warnings: [...r.warnings, ...(qc.disagreement ? [qc.disagreement] : [])] } : r;
  } catch (e) {
    return { ...r, warnings: [...r.warnings, `queue configuration not read: ${errorMessage(e)}`] };
  }
}

export const observedCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseObservedArgs(argv);
  if (values.help) { io.out(HELP); return 0; }
  const presetOptions = checkedPreset(values, positionals);
  const dir = positionals[0];
  const preset = presetNameArg(values.preset);
  if (!inputsExist(dir, values, io)) return 2;
  const observed = await observe(dir, values, io);
  if (typeof observed === 'number') return observed;
  let r = observed;
  if (preset !== undefined) r = withPresetFit(r, preset, presetOptions);
  if (dir !== undefined) r = withQueueConfig(r, dir);
  io.out(values.json ? `${JSON.stringify(r)}\n` : render(r, preset));
  for (const w of r.warnings) io.err(`warning: ${w}\n`);
  return 0;
};
