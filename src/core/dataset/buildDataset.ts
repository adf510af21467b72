// Run sets → the dataset's tables. Each set is read by the sweep engine (throughput, measured spread, model), so
// the dataset says what Compare Queue Counts says; flows get their Community ID.
import { occupiedDistribution } from '../analysis/odds/occupancy';
import { presetWeights, UNIFORM, WeightsPreset } from '../analysis/odds/presets';
import { sweep } from '../analysis/sweep/sweep';
import { SweepRunInput, sweepTest } from '../analysis/sweep/sweepInput';
import { communityId } from './communityId';
import type { Dataset, ModelRow, QueueRow, RunRow } from './datasetModel';
import { flowRows } from './flowRows';
import type { RunExtras } from './runExtras';

export interface DatasetSet {
  label: string;
  runs: readonly SweepRunInput[];
  /** From the set's manifest.json where present. */
  host?: string;
  date?: string;
  kernel?: string;
  driver?: string;
  /** A recorded run folder's trace and capture, by run name (loadDatasetSets.ts). */
  extras?: ReadonlyMap<string, RunExtras>;
}

const PROTO: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

export function buildDataset(sets: readonly DatasetSet[], preset: WeightsPreset = UNIFORM): Dataset {
  const out: Dataset = { runs: [], streams: [], queues: [], flows: [], model: [], warnings: [] };
  const weightsFor = presetWeights(preset);
  for (const set of sets) {
    const info: SetInfo = {
      host: set.host ?? set.label,
      date: /^\d{4}-\d{2}-\d{2}/.exec(set.date ?? '')?.[0] ?? 'unknown',
      kernel: set.kernel ?? 'unknown',
      driver: set.driver ?? 'unknown',
    };
    const report = sweep(set.runs, { preset });
    out.warnings.push(...report.warnings.map((w) => `${set.label}: ${w}`));
    const inputs = new Map(set.runs.map((r) => [r.name, r]));
    for (const r of report.runs) addRun(out, set, info, r, inputs.get(r.name));
    const { host, date, kernel, driver } = info;
    const shapes = [...new Set(report.runs.map((r) => `${r.queues}/${r.streams}`))];
    for (const key of shapes) {
      const [n, k] = key.split('/').map(Number);
      const dist = occupiedDistribution(k, weightsFor(n));
      for (let busy = 1; busy <= n; busy++) {
        if (dist[busy] <= 0) continue;
        const m: ModelRow = { host, date, run_set: set.label, kernel, driver, queues: n, streams: k, busy, p_busy: dist[busy], preset };
        out.model.push(m);
      }
    }
  }
  return out;
}

/** What every row of a set carries: where and when it was run. */
interface SetInfo { host: string; date: string; kernel: string; driver: string }
type SweptRun = ReturnType<typeof sweep>['runs'][number];

/** One run's rows: the run, its streams, its queues (counters, and the trace's), its flows. */
function addRun(out: Dataset, set: DatasetSet, info: SetInfo, r: SweptRun, input: SweepRunInput | undefined): void {
  const { host, date, kernel, driver } = info;
  const run_id = `${set.label}/${r.name}`;
  const row: RunRow = {
    run_id, host, date, run_set: set.label, kernel, driver, name: r.name, queues: r.queues, streams: r.streams, trial: r.trial ?? null,
    throughput_bps: r.throughput.bitsPerSecond, payload_bytes: r.throughput.bytes, seconds: r.throughput.seconds,
    busy_queues: r.spread?.source === 'observed' ? r.spread.occupied : null,
    max_streams_per_queue: r.spread?.source === 'observed' ? r.spread.maxLoad ?? null : null,
    expected_bps: r.expectedBps, p_this_slow: r.percentile,
  };
  out.runs.push(row);
  const extras = set.extras?.get(r.name);
  const traced = extras?.trace;
  addStreams(out, info, run_id, r, input, traced);
  const loads = r.spread?.source === 'observed' ? r.spread.loads : undefined;
  const wire = r.spread?.counters?.queueBytes;
  const counterSource = r.spread?.counters?.source ?? null;
  for (let q = 0; q < r.queues; q++) {
    const qr: QueueRow = { run_id, host, date, queue: q, source: counterSource, streams: loads ? loads[q] ?? 0 : null, packets: null, wire_bytes: wire ? wire[q] ?? null : null };
    out.queues.push(qr);
  }
  if (traced) {
    const perQueue = new Array<number>(traced.wireBytes.length).fill(0);
    for (const t of traced.streams.values()) if (t.queue !== null && t.queue < perQueue.length) perQueue[t.queue]++;
    for (let q = 0; q < traced.wireBytes.length; q++) {
      out.queues.push({ run_id, host, date, queue: q, source: 'trace', streams: perQueue[q], packets: traced.frames[q], wire_bytes: traced.wireBytes[q] });
    }
    if (traced.unplaced.frames > 0) out.warnings.push(`${run_id}: ${traced.unplaced.frames} traced frames (${traced.unplaced.wireBytes} B) on no queue below ${traced.wireBytes.length}; not in the queues table`);
  }
  if (extras?.flows) {
    out.flows.push(...flowRows(extras.flows, run_id, host, date));
    const o = extras.flows.otherFlows;
    if (o) out.warnings.push(`${run_id}: ${o.flows} flows (${o.packets} packets, ${o.bytes} B) beyond the capture reader's flow cap; not in the flows table`);
  }
}

/** The log's streams, each with its queue: the trace's (measured by the kernel), else the sweep's measured spread. */
function addStreams(out: Dataset, info: SetInfo, run_id: string, r: SweptRun, input: SweepRunInput | undefined, traced: RunExtras['trace']): void {
  const { host, date } = info;
  const test = input ? sweepTest(input.log) : undefined;
  const queueOf = new Map((r.spread?.source === 'observed' ? r.spread.streamQueues : []).map((s) => [s.streamId, s.queue]));
  const sourceOf = input?.portQueue ? 'ports' as const : r.spread?.counters ? 'counters' as const : null;
  for (const s of test?.streams ?? []) {
    if (!s.local || !s.remote) { out.warnings.push(`${run_id}: stream ${s.id} has no endpoints; left out of streams`); continue; }
    // the sending end first, as Zeek's originator of an iperf client's connection
    const [o, p] = s.role === 'receiver' ? [s.remote, s.local] : [s.local, s.remote];
    const sum = s.summaries.find((x) => x.side === 'receiver') ?? s.totals;
    const proto = test!.protocol.toLowerCase();
    // the trace's stream by the log's local port: the queue the kernel chose, measured
    const t = traced?.streams.get(s.local.port);
    const queue = t ? t.queue : queueOf.get(s.id) ?? null;
    out.streams.push({
      run_id, host, date, stream_id: s.id, proto, orig_h: o.ip, orig_p: o.port, resp_h: p.ip, resp_p: p.port,
      payload_bytes: sum?.bytes ?? 0, bps: sum?.bitsPerSecond ?? 0, queue,
      queue_source: t ? 'trace' : queue === null ? null : sourceOf,
      cpus: t ? t.cpus.join(',') : null, traced_wire_bytes: t ? t.wireBytes : null,
      community_id: communityId({ proto: PROTO[proto] ?? 6, saddr: o.ip, daddr: p.ip, sport: o.port, dport: p.port }),
    });
  }
}
