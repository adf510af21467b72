/**
 * The exact observed spread of a recorded run, from its trace: every stream's queue as the kernel chose it (source
 * "trace", measured), with its bytes, CPUs and hash; the per-queue bytes, cross-checked against the counters the run
 * recorded; and the model checked flow by flow (modelCheck.ts). A stream that moved between queues (txrehash after a
 * timeout) is shown with every queue and its bytes. node:fs; not for the webview.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInputText } from '../../runs/inputFiles';
import { parseRunManifest, RunManifest, RUN_MANIFEST_NAME } from '../../runs/manifest';
import { parseTrace, traceFlows, QueueMeaning, TraceFlow, TraceDirection, TraceRow, queueWireBytes, rowQueue } from '../../trace';
import { parseIperfLog } from '../../iperf';
import type { FlowTuple } from '../../hashing';
import { BUSY_SHARE } from './assign';
import { readCounterFiles } from './counterFiles';
import type { RunInputs } from '../../runs/readRun';
import { NoQueueCountersError } from '../../counters';
import { logStreams } from './observeRun';
import { modelCheck, ModelCheck, CheckPreset } from './modelCheck';
import { readRunConfig, RunConfig } from './runConfig';
import { tracedQueueCpus, TracedQueueCpus } from '../queueCpu/tracedCpus';
import { errorMessage, formatPercent } from '../../text';

interface TraceStreamQueue {
  queue: number | null;
  meaning: QueueMeaning;
  wireBytes: number;
  packets: number;
  segments: number;
  cpus: number[];
  hashes: number[];
}

interface TraceStream {
  localPort: number;
  flow?: FlowTuple;
  /** The queue that carried most of the stream's bytes (measured). */
  queue: number | null;
  /** Every queue the stream used, largest first; more than one when it moved. */
  queues: TraceStreamQueue[];
  moved: boolean;
  wireBytes: number;
  /** The hash of its latest skb, hex, and whether the kernel had an L4 hash. */
  hash: string;
  l4Hash: boolean;
  source: 'trace';
}

export interface ObservedTraceJson {
  source: 'trace';
  run: string;
  trace: string;
  log: string | null;
  device: string;
  direction: TraceDirection;
  /** What the queue numbers mean: 'tx' queues; 'rx' queues; 'sender-tx' (veth receive: the peer's tx queue). */
  queueMeaning: QueueMeaning;
  queues: number;
  busyQueues: number;
  /** Wire bytes per queue, every flow of this direction on the device (measured, trace; as a qdisc counts them). */
  queueBytes: number[];
  streamsPerQueue: number[];
  /** CPUs that handled each queue's packets (two busy queues on one CPU share it). */
  queueCpus: number[][];
  streams: TraceStream[];
  /**
   * skbs the tracer counted against skbs the device itself counted (ip -s link, after − before), this direction:
   * below 1 the kernel did not run the tracer for some packets (docs/record.md); null when not recorded.
   */
  coverage: { tracedSkbs: number; deviceSkbs: number; share: number } | null;
  /** The per-queue counters the run recorded, beside the trace's bytes (null when none fit). */
  counters: { source: string; after: string; before: string | null; queueBytes: Array<number | null>; maxRelativeDifference: number | null } | null;
  modelCheck: ModelCheck;
  /** Each queue's CPUs by wire bytes (measured, trace), for the queue → CPU analysis. */
  tracedCpus: TracedQueueCpus;
  warnings: string[];
}

/** The manifest of a recorded run folder, or undefined when the folder has none. Throws when it is malformed. */
export function readRunManifestIn(dir: string): RunManifest | undefined {
  const f = path.join(dir, RUN_MANIFEST_NAME);
  if (!fs.existsSync(f)) return undefined;
  return parseRunManifest(readInputText(f, 'manifest'), f);
}

const hex = (h: number): string => `0x${(h >>> 0).toString(16).padStart(8, '0')}`;
const protoName = (p: number): 'tcp' | 'udp' | undefined => (p === 6 ? 'tcp' : p === 17 ? 'udp' : undefined);

export interface ObserveTraceOptions {
  /** Check this preset instead of the one the direction and driver call for. */
  preset?: CheckPreset;
  /** The run as the run reader already read it (src/core/runs/readRun.ts): its log and counters are not read again. */
  run?: RunInputs;
}

export function observeTrace(dir: string, manifest: RunManifest, opts: ObserveTraceOptions = {}): ObservedTraceJson {
  if (!manifest.trace.recorded) throw new Error(`${path.join(dir, RUN_MANIFEST_NAME)}: no trace was recorded (${manifest.trace.reason})`);
  const traceFile = path.join(dir, manifest.trace.file);
  const trace = parseTrace(readInputText(traceFile, 'trace'), traceFile);
  const cfg = readRunConfig(dir, manifest, opts.run?.config);
  const warnings = [...trace.warnings, ...cfg.warnings];
  const flows = traceFlows(trace, cfg.driver);
  const { direction, picked, logFile } = pickStreams(dir, manifest, opts.run, flows, warnings);
  const n = queueCount(flows, direction, cfg, warnings);
  const meaning: QueueMeaning = direction === 'tx' ? 'tx' : cfg.driver === 'veth' ? 'sender-tx' : 'rx';
  const queueBytes = queueWireBytes(flows, direction, n);
  addOtherBytes(trace, direction, n, cfg.driver, queueBytes);
  const queueCpus = cpusPerQueue(flows, direction, n);
  const max = Math.max(0, ...queueBytes);
  const busyQueues = queueBytes.filter((b) => max > 0 && b >= BUSY_SHARE * max).length;
  const streams = picked.map(toTraceStream);
  const streamsPerQueue = new Array<number>(n).fill(0);
  for (const s of streams) if (s.queue !== null && s.queue < n) streamsPerQueue[s.queue]++;
  for (const s of streams) if (s.moved) warnings.push(`stream on local port ${s.localPort} moved between queues: ${s.queues.map((q) => `queue ${q.queue} ${q.wireBytes} B`).join(', ')}`);
  const counters = compareCounters(dir, manifest, opts.run, direction, n, queueBytes, warnings);
  const coverage = traceCoverage(dir, manifest, opts.run, trace, direction, warnings);
  const check = modelCheck(picked, direction, n, cfg, opts.preset);
  return {
    source: 'trace', run: dir, trace: traceFile, log: logFile, device: manifest.device, direction, queueMeaning: meaning,
    queues: n, busyQueues, queueBytes, streamsPerQueue, queueCpus, streams, coverage, counters, modelCheck: check,
    tracedCpus: tracedQueueCpus(trace, cfg.driver, direction), warnings,
  };
}

type PickedFlow = TraceFlow & { localPort: number };
type ParsedTrace = ReturnType<typeof parseTrace>;

/** The streams: the log's, matched to the trace's flows; else every TCP/UDP flow of the busier direction. */
function pickStreams(dir: string, manifest: RunManifest, run: RunInputs | undefined, flows: TraceFlow[], warnings: string[]):
  { direction: TraceDirection; picked: PickedFlow[]; logFile: string | null } {
  let logFile: string | null = null;
  const logPath = path.join(dir, manifest.log);
  let fromLog: ReturnType<typeof logStreams> | undefined;
  try {
    const read = run?.log && run.log.file === logPath ? run.log.log : parseIperfLog(readInputText(logPath, 'log'), manifest.log);
    fromLog = logStreams(read, logPath);
    logFile = logPath;
  } catch (e) {
    warnings.push(`${logPath}: no iperf streams read (${errorMessage(e)}); streams taken from the trace`);
  }
  if (fromLog) {
    const direction = fromLog.direction;
    const picked: PickedFlow[] = [];
    for (const s of fromLog.streams) {
      const match = flows.filter((f) => f.direction === direction && (f.proto === 6 || f.proto === 17) &&
        (direction === 'tx' ? f.sport === s.localPort && (s.remotePort === undefined || f.dport === s.remotePort)
          : f.dport === s.localPort && (s.remotePort === undefined || f.sport === s.remotePort)));
      if (match.length === 0) { warnings.push(`stream on local port ${s.localPort}: not in the trace (another device or namespace?)`); continue; }
      if (match.length > 1) warnings.push(`stream on local port ${s.localPort}: ${match.length} traced flows (VLANs or addresses); the largest is taken`);
      picked.push({ ...match[0], localPort: s.localPort });
    }
    return { direction, picked, logFile };
  }
  const sum = (d: TraceDirection): number => flows.filter((f) => f.direction === d).reduce((a, f) => a + f.wireBytes, 0);
  const direction: TraceDirection = sum('tx') >= sum('rx') ? 'tx' : 'rx';
  const total = sum(direction);
  const picked = flows.filter((f) => f.direction === direction && (f.proto === 6 || f.proto === 17) && f.wireBytes >= 0.01 * total)
    .map((f) => ({ ...f, localPort: direction === 'tx' ? f.sport : f.dport }));
  return { direction, picked, logFile };
}

/** The recorded queue count of the direction's queues (veth receive counts the peer's tx queues); else the trace's. */
function queueCount(flows: TraceFlow[], direction: TraceDirection, cfg: RunConfig, warnings: string[]): number {
  const maxQueue = Math.max(0, ...flows.flatMap((f) => f.queues.map((q) => (q.queue ?? 0) + 1)));
  let n = (direction === 'tx' ? cfg.txQueues : cfg.driver === 'veth' ? cfg.txQueues : cfg.rxQueues) ?? 0;
  if (n === 0) {
    n = maxQueue;
    warnings.push(`the device's queue count was not recorded; ${n} (the highest queue traced + 1) is used`);
  } else if (maxQueue > n) warnings.push(`the trace has queue ${maxQueue - 1}, beyond the ${n} queues recorded in config/`);
  return n;
}

/** Non-IP packets (ARP) are on the queues too, as the counters see them. */
function addOtherBytes(trace: ParsedTrace, direction: TraceDirection, n: number, driver: string | undefined, queueBytes: number[]): void {
  for (const o of trace.other) {
    if (o.direction !== direction || o.wireBytes === null) continue;
    const q = rowQueue({ ...o, l4Hash: false } as unknown as TraceRow, driver).queue;
    if (q !== null && q < n) queueBytes[q] += o.wireBytes;
  }
}

function cpusPerQueue(flows: TraceFlow[], direction: TraceDirection, n: number): number[][] {
  const queueCpus: number[][] = Array.from({ length: n }, () => []);
  for (const f of flows) {
    if (f.direction !== direction) continue;
    for (const s of f.queues) {
      if (s.queue === null || s.queue >= n) continue;
      for (const c of s.cpus) if (!queueCpus[s.queue].includes(c)) queueCpus[s.queue].push(c);
    }
  }
  for (const c of queueCpus) c.sort((a, b) => a - b);
  return queueCpus;
}

function toTraceStream(f: PickedFlow): TraceStream {
  const proto = protoName(f.proto);
  const total = f.wireBytes;
  const queues = f.queues.map((q) => ({ queue: q.queue, meaning: q.meaning, wireBytes: q.wireBytes, packets: q.packets, segments: q.segments, cpus: q.cpus, hashes: q.hashes.map((h) => h >>> 0) }));
  return {
    localPort: f.localPort,
    ...(proto ? { flow: { proto, src: { ip: f.src, port: f.sport }, dst: { ip: f.dst, port: f.dport } } } : {}),
    queue: queues[0]?.queue ?? null,
    queues,
    // a queue with more than 1 % of the stream's bytes besides the main one: it moved (txrehash, XPS after a CPU move)
    moved: queues.filter((q) => q.wireBytes > 0.01 * total).length > 1,
    wireBytes: total,
    hash: hex(f.hash),
    l4Hash: f.l4Hash,
    source: 'trace' as const,
  };
}

/** The recorded counters beside the trace's bytes (both measured; they should agree where both count wire bytes). */
function compareCounters(dir: string, manifest: RunManifest, run: RunInputs | undefined, direction: TraceDirection, n: number,
  queueBytes: number[], warnings: string[]): ObservedTraceJson['counters'] {
  const order = ['tc-qdisc', 'qstats', 'ethtool', 'tc-class'];
  const recorded = [...manifest.counters].filter((c) => order.includes(c.source)).sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
  for (const rc of recorded) {
    try {
      const known = run?.counters;
      const c = known && known.files.after === path.join(dir, rc.after) && known.files.before === path.join(dir, rc.before)
        ? known : readCounterFiles({ after: path.join(dir, rc.after), before: path.join(dir, rc.before) }, manifest.device);
      const side = c.delta.unit === 'traffic' ? c.delta[direction] : [];
      if (side.length === 0 || side.every((x) => x.bytes === null)) continue;
      const qb = Array.from({ length: n }, (_, q) => side.find((x) => x.queue === q)?.bytes ?? null);
      const diffs = qb.flatMap((b, q) => (b === null || (b === 0 && queueBytes[q] === 0) ? [] : [Math.abs(queueBytes[q] - b) / Math.max(b, queueBytes[q])]));
      return { source: c.delta.source, after: c.files.after, before: c.files.before ?? null, queueBytes: qb, maxRelativeDifference: diffs.length ? Math.max(...diffs) : null };
    } catch (e) {
      if (!(e instanceof NoQueueCountersError)) warnings.push(`counters not compared with ${rc.after}: ${errorMessage(e)}`);
    }
  }
  return null;
}

/**
 * skbs traced against skbs the device counted (ip -s link before/after). Uses readRun's config texts when given,
 * reading a file only when its text is absent.
 */
function traceCoverage(dir: string, manifest: RunManifest, run: RunInputs | undefined, trace: ParsedTrace, direction: TraceDirection,
  warnings: string[]): ObservedTraceJson['coverage'] {
  const link = (when: string): number | undefined => {
    const label = `ip -s link ${when}`;
    const rel = manifest.config[label];
    if (rel === undefined) return undefined;
    try {
      const v = JSON.parse(run?.config[label] ?? readInputText(path.join(dir, rel), 'config')) as Array<{ stats64?: Record<string, { packets?: number }> }>;
      const p = v[0]?.stats64?.[direction]?.packets;
      return typeof p === 'number' ? p : undefined;
    } catch {
      return undefined;
    }
  };
  const lb = link('before');
  const la = link('after');
  if (lb === undefined || la === undefined || la <= lb) return null;
  const traced = trace.rows.filter((r) => r.direction === direction).reduce((a, r) => a + r.packets, 0) +
    trace.other.filter((o) => o.direction === direction).reduce((a, o) => a + o.packets, 0);
  const coverage = { tracedSkbs: traced, deviceSkbs: la - lb, share: traced / (la - lb) };
  if (coverage.share < 0.999) warnings.push(`the tracer counted ${traced} of the ${la - lb} skbs ${manifest.device} counted (${formatPercent(coverage.share)}): per-queue bytes are short by the skbs the kernel did not run it for; each stream's queue is still the one traced`);
  return coverage;
}
