/**
 * `queue-lens record`: runs the user's COMMAND (argv exactly as given, nothing else of the user's) and writes one
 * run folder around it: configuration, counter snapshots before and after (and every --interval seconds), the
 * in-kernel trace of every flow's queue and hash, an optional headers-only capture, COMMAND's output and exit code,
 * and run.json saying what was recorded and what was not, with the reason.
 *
 * Order, so that the trace covers every packet the counters count: tracer attached → counters before → capture →
 * COMMAND → counters after → capture stopped → tracer stopped (it prints its maps).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotRecorded, RecordedCounters, RunManifest, RUN_MANIFEST_FORMAT, RUN_MANIFEST_NAME, TraceStatus } from '../runs/manifest';
import { checkDevice, checkNetns, RecordArgError } from './names';
import { firstLine, inNetns, run, which } from './exec';
import { counterSources, takeCounter, takeConfig, CounterSource } from './snapshots';
import { takeHostConfig } from './hostConfig';
import { deviceIfindex, netnsInode, startTracer, tracerProgram, tracerUnavailable, RunningTracer, TRACER_NAME } from './tracer';
import { startCapture, RunningCapture } from './capture';
import { countOf, errorMessage } from '../text';

export interface RecordOptions {
  out: string;
  dev: string;
  /** '' = the caller's namespace. */
  netns: string;
  command: string[];
  capture?: boolean;
  /** Seconds between periodic counter snapshots (none when undefined). */
  intervalS?: number;
  /** false: do not start the tracer (--no-trace). */
  trace?: boolean;
  /** COMMAND's output as it comes (the CLI echoes it). */
  onStdout?: (b: Buffer) => void;
  onStderr?: (b: Buffer) => void;
  /** Progress and "not recorded" notes for the user's terminal. */
  onNote?: (text: string) => void;
  /** Called with a function that forwards a signal to COMMAND (the CLI wires SIGINT/SIGTERM to it). */
  onCommandStarted?: (forward: (sig: NodeJS.Signals) => void) => void;
}

export interface RecordResult {
  manifest: RunManifest;
  /** COMMAND's exit code, or 128 + the signal number when a signal ended it. */
  exitCode: number;
}

const LOG_FILE = 'command.log';
const STDERR_FILE = 'command.stderr.txt';
const TRACE_FILE = 'trace.txt';
const TRACE_STDERR_FILE = 'trace.stderr.txt';
const CAPTURE_FILE = 'capture.pcap';

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };

/** The tools whose versions run.json lists (the ones record ran). */
const VERSION_ARGS: Record<string, string[]> = {
  bpftrace: ['bpftrace', '--version'],
  tc: ['tc', '-V'],
  ip: ['ip', '-V'],
  ethtool: ['ethtool', '--version'],
  tcpdump: ['tcpdump', '--version'],
};

export async function recordRun(opts: RecordOptions): Promise<RecordResult> {
  const { dev, netns, out } = checkRecordArgs(opts);
  const note = opts.onNote ?? (() => undefined);
  const ifindex = await deviceIfindex(dev, netns);
  if (typeof ifindex === 'string') throw new RecordArgError(`device ${dev}${netns ? ` in namespace ${netns}` : ''}: ${ifindex}`);
  fs.mkdirSync(path.join(out, 'counters'), { recursive: true });
  const notRecorded: NotRecorded[] = [];

  const { config, notRecorded: configMissing } = await takeConfig(out, dev, netns);
  notRecorded.push(...configMissing);
  // the host's side of the queue configuration (what `queue-lens config` reads): cmdline, CPUs, IRQ affinity, Xen
  const host = await takeHostConfig(out, dev);
  Object.assign(config, host.config);
  notRecorded.push(...host.notRecorded);
  const ctx: RecordContext = { out, dev, netns, config, notRecorded };

  // The tracer first: it must be attached before the counters' first snapshot.
  const started = await startTrace(opts, ctx, ifindex, note);
  let trace = started.trace;
  const tracer = started.tracer;
  const tools = await toolVersions(tracer !== undefined, opts.capture === true);

  await linkStats(ctx, 'before');
  const live = await countersBefore(ctx, counterSources(dev, ifindex));
  const capture = opts.capture ? await startOptionalCapture(ctx) : undefined;

  const { result, start, end, series } = await runCommand(opts, ctx, live);
  if (result.error) notRecorded.push({ what: 'COMMAND', reason: `${opts.command[0]} could not be started: ${result.error}` });

  // COMMAND's end is not its traffic's end: a closed socket's send buffer still drains through the queues. Wait
  // (≤ 5 s) until the device's counters stop moving, so the after-snapshot and the trace see the same packets.
  const settled = await settle(dev, netns);
  if (!settled) notRecorded.push({ what: 'quiet end', reason: `${dev}'s counters were still moving 5 s after COMMAND ended: the after-snapshot misses what was sent later (the trace does not)` });

  await linkStats(ctx, 'after');
  const counters = await countersAfter(ctx, live, series);

  let captureFile: string | undefined;
  if (capture) {
    await capture.stop();
    captureFile = CAPTURE_FILE;
  }
  if (tracer) trace = await stopTracer(tracer, trace, note);

  const manifest = writeManifest(opts, ctx, { start, end, result, tools, trace, counters, captureFile });
  const exitCode = result.code ?? (result.signal ? 128 + (SIGNALS[result.signal] ?? 0) : 127);
  return { manifest, exitCode };
}

/** run.json: what was recorded, and what was not with the reason. */
function writeManifest(opts: RecordOptions, ctx: RecordContext, r: {
  start: string; end: string; result: CommandResult; tools: Record<string, string>; trace: TraceStatus; counters: RecordedCounters[]; captureFile?: string;
}): RunManifest {
  const manifest: RunManifest = {
    format: RUN_MANIFEST_FORMAT,
    command: opts.command,
    device: ctx.dev,
    netns: ctx.netns,
    start: r.start,
    end: r.end,
    exitCode: r.result.code,
    ...(r.result.signal ? { signal: r.result.signal } : {}),
    log: LOG_FILE,
    stderr: STDERR_FILE,
    tools: r.tools,
    trace: r.trace,
    counters: r.counters,
    config: ctx.config,
    ...(r.captureFile ? { capture: r.captureFile } : {}),
    notRecorded: ctx.notRecorded,
  };
  fs.writeFileSync(path.join(ctx.out, RUN_MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** What every stage writes into: the run folder, the device, and the manifest's config and notRecorded lists. */
interface RecordContext {
  out: string;
  dev: string;
  netns: string;
  config: Record<string, string>;
  notRecorded: NotRecorded[];
}

type CommandResult = { code: number | null; signal: NodeJS.Signals | null; error?: string };
type CounterSeries = Map<string, { t: number; file: string }[]>;

/** The device and namespace names are checked before any of them reaches a command line; the folder must be new. */
function checkRecordArgs(opts: RecordOptions): { dev: string; netns: string; out: string } {
  const dev = checkDevice(opts.dev);
  const netns = opts.netns === '' ? '' : checkNetns(opts.netns);
  if (opts.command.length === 0) throw new RecordArgError('no COMMAND after --');
  const out = path.resolve(opts.out);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    throw new RecordArgError(`${opts.out} exists and is not an empty folder: record writes a new run folder`);
  }
  return { dev, netns, out };
}

/** Attaches the tracer, or says why there is no trace (--no-trace, no bpftrace, no namespace inode, a failed start). */
async function startTrace(opts: RecordOptions, ctx: RecordContext, ifindex: number, note: (text: string) => void):
  Promise<{ trace: TraceStatus; tracer?: RunningTracer }> {
  const { out, dev, netns } = ctx;
  let trace: TraceStatus;
  let tracer: RunningTracer | undefined;
  const why = opts.trace === false ? '--no-trace was given' : await tracerUnavailable();
  const ino = netnsInode(netns);
  if (why) trace = { recorded: false, reason: why };
  else if (typeof ino === 'string') trace = { recorded: false, reason: `the namespace's inode cannot be read (${ino})` };
  else {
    const program = tracerProgram()!;
    fs.copyFileSync(program, path.join(out, TRACER_NAME));
    note(`record: starting the tracer on ${dev} (ifindex ${ifindex}${netns ? `, namespace ${netns}` : ''})`);
    try {
      tracer = await startTracer(program, ifindex, ino, path.join(out, TRACE_FILE), path.join(out, TRACE_STDERR_FILE));
      trace = { recorded: true, file: TRACE_FILE, program: TRACER_NAME, ...(netns ? { netns } : {}) };
    } catch (e) {
      trace = { recorded: false, reason: errorMessage(e) };
      fs.rmSync(path.join(out, TRACE_FILE), { force: true });
    }
  }
  if (!trace.recorded) note(`record: no trace: ${trace.reason}`);
  return { trace, tracer };
}

/** The versions of node, the kernel and the tools this run used (bpftrace only when tracing, tcpdump when capturing). */
async function toolVersions(tracing: boolean, capturing: boolean): Promise<Record<string, string>> {
  const tools: Record<string, string> = { node: process.version };
  for (const [name, argv] of Object.entries(VERSION_ARGS)) {
    if (name === 'bpftrace' && !tracing) continue;
    if (name === 'tcpdump' && !capturing) continue;
    if (!which(argv[0])) continue;
    const r = await run(argv);
    if (r.code === 0 || r.stdout || r.stderr) tools[name] = firstLine(r);
  }
  const kernel = await run(['uname', '-sr']);
  if (kernel.code === 0) tools.kernel = kernel.stdout.trim();
  return tools;
}

/** The device's own packet counts (ip -s link) around COMMAND: how many skbs the tracer should have seen. */
async function linkStats(ctx: RecordContext, when: 'before' | 'after'): Promise<void> {
  const r = await run(inNetns(ctx.netns, ['ip', '-s', '-j', 'link', 'show', 'dev', ctx.dev]));
  const rel = path.posix.join('config', `ip-s-link-${when}.json`);
  if (r.code === 0) { fs.writeFileSync(path.join(ctx.out, rel), r.stdout); ctx.config[`ip -s link ${when}`] = rel; }
  else ctx.notRecorded.push({ what: `ip -s link ${when}`, reason: firstLine(r) });
}

/** The before-snapshot of every counter source; the ones that answered are the live ones, snapshotted again later. */
async function countersBefore(ctx: RecordContext, sources: CounterSource[]): Promise<CounterSource[]> {
  const live: CounterSource[] = [];
  for (const src of sources) {
    const rel = path.posix.join('counters', `${src.stem}-before.txt`);
    const fail = await takeCounter(src, ctx.netns, path.join(ctx.out, rel));
    if (fail) ctx.notRecorded.push({ what: `counters: ${src.source}`, reason: fail });
    else live.push(src);
  }
  return live;
}

async function startOptionalCapture(ctx: RecordContext): Promise<RunningCapture | undefined> {
  if (!which('tcpdump')) { ctx.notRecorded.push({ what: 'capture', reason: 'tcpdump is not installed' }); return undefined; }
  try {
    return await startCapture(ctx.dev, ctx.netns, path.join(ctx.out, CAPTURE_FILE), path.join(ctx.out, 'capture.stderr.txt'));
  } catch (e) {
    ctx.notRecorded.push({ what: 'capture', reason: errorMessage(e) });
    return undefined;
  }
}

/**
 * COMMAND, exactly as given; its own process group, so record forwards Ctrl+C to it once and lives to finish. Its
 * output goes to the log files; the live counters are snapshotted every --interval seconds while it runs.
 */
async function runCommand(opts: RecordOptions, ctx: RecordContext, live: CounterSource[]):
  Promise<{ result: CommandResult; start: string; end: string; series: CounterSeries }> {
  const startMs = Date.now();
  const start = new Date(startMs).toISOString();
  const logStream = fs.createWriteStream(path.join(ctx.out, LOG_FILE));
  const errStream = fs.createWriteStream(path.join(ctx.out, STDERR_FILE));
  const series: CounterSeries = new Map();
  let stopSeries: (() => Promise<void>) | undefined;
  const result = await new Promise<CommandResult>((resolve) => {
    const child = spawn(opts.command[0], opts.command.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (b: Buffer) => { logStream.write(b); opts.onStdout?.(b); });
    child.stderr!.on('data', (b: Buffer) => { errStream.write(b); opts.onStderr?.(b); });
    child.on('error', (e) => resolve({ code: null, signal: null, error: e.message }));
    child.on('close', (code, signal) => resolve({ code, signal }));
    opts.onCommandStarted?.((sig) => {
      try { process.kill(-child.pid!, sig); } catch { /* ended */ }
    });
    if (opts.intervalS !== undefined && live.length > 0) stopSeries = startCounterSeries(ctx, live, opts.intervalS, startMs, series);
  });
  await stopSeries?.();
  const end = new Date().toISOString();
  await new Promise<void>((r) => logStream.end(() => r()));
  await new Promise<void>((r) => errStream.end(() => r()));
  return { result, start, end, series };
}

/** Snapshots the live counters every intervalS seconds into counters/series/; the returned stop waits for the last one. */
function startCounterSeries(ctx: RecordContext, live: CounterSource[], intervalS: number, startMs: number, series: CounterSeries): () => Promise<void> {
  fs.mkdirSync(path.join(ctx.out, 'counters', 'series'), { recursive: true });
  let tick = 0;
  let snapping = Promise.resolve();
  const timer = setInterval(() => {
    const n = ++tick;
    const t = (Date.now() - startMs) / 1000;
    snapping = snapping.then(async () => {
      for (const src of live) {
        const rel = path.posix.join('counters', 'series', `${src.stem}-${String(n).padStart(5, '0')}.txt`);
        if (!(await takeCounter(src, ctx.netns, path.join(ctx.out, rel)))) {
          const s = series.get(src.stem) ?? [];
          s.push({ t: Number(t.toFixed(3)), file: rel });
          series.set(src.stem, s);
        }
      }
    });
  }, intervalS * 1000);
  return async () => {
    clearInterval(timer);
    await snapping;
  };
}

/** The after-snapshot of each live source; a source is recorded only when both of its snapshots were taken. */
async function countersAfter(ctx: RecordContext, live: CounterSource[], series: CounterSeries): Promise<RecordedCounters[]> {
  const counters: RecordedCounters[] = [];
  for (const src of live) {
    const before = path.posix.join('counters', `${src.stem}-before.txt`);
    const after = path.posix.join('counters', `${src.stem}-after.txt`);
    const fail = await takeCounter(src, ctx.netns, path.join(ctx.out, after));
    if (fail) { ctx.notRecorded.push({ what: `counters: ${src.source} after`, reason: fail }); continue; }
    const s = series.get(src.stem);
    counters.push({ source: src.source, before, after, ...(s && s.length ? { series: s } : {}) });
  }
  return counters;
}

/** Stops the tracer (it prints its maps) and notes what the kernel skipped or a tracer that had to be killed. */
async function stopTracer(tracer: RunningTracer, trace: TraceStatus, note: (text: string) => void): Promise<TraceStatus> {
  const missed = tracer.misses();
  const stopped = await tracer.stop();
  if (trace.recorded && missed !== undefined) {
    trace = { ...trace, missedEvents: missed };
    if (missed > 0) note(`record: the kernel skipped the tracer ${countOf(missed, 'time')} (another BPF program was running on that CPU): the trace undercounts by that many skbs`);
  }
  if (stopped.forced) {
    trace = { recorded: false, reason: 'bpftrace did not print its maps within 60 s of SIGINT and was killed' };
    note(`record: no trace: ${trace.reason}`);
  }
  return trace;
}

/** Polls the device's tx/rx byte counters until two reads 300 ms apart agree; false after 5 s. */
async function settle(dev: string, netns: string): Promise<boolean> {
  const read = async (): Promise<string> => (await run(inNetns(netns, ['ip', '-s', '-j', 'link', 'show', 'dev', dev]))).stdout;
  let last = await read();
  for (let waited = 0; waited < 5000; waited += 300) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await read();
    if (now === last) return true;
    last = now;
  }
  return false;
}
