// Run sets → the dataset's tables. Each set is read by the sweep engine (throughput, measured spread, model), so
// the dataset says what Compare Queue Counts says; flows get their Community ID.
import { occupiedDistribution } from '../analysis/odds/occupancy';
import { presetWeights, UNIFORM } from '../analysis/odds/presets';
import { sweep } from '../analysis/sweep/sweep';
import { SweepRunInput, sweepTest } from '../analysis/sweep/sweepInput';
import { communityId } from './communityId';
import type { Dataset, ModelRow, QueueRow, RunRow } from './datasetModel';

export interface DatasetSet {
  label: string;
  runs: readonly SweepRunInput[];
  /** From the set's manifest.json where present. */
  host?: string;
  date?: string;
  kernel?: string;
  driver?: string;
}

const PROTO: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

export function buildDataset(sets: readonly DatasetSet[], preset = UNIFORM): Dataset {
  const out: Dataset = { runs: [], streams: [], queues: [], model: [], warnings: [] };
  const weightsFor = presetWeights(preset);
  for (const set of sets) {
    const host = set.host ?? set.label;
    const date = /^\d{4}-\d{2}-\d{2}/.exec(set.date ?? '')?.[0] ?? 'unknown';
    const kernel = set.kernel ?? 'unknown';
    const driver = set.driver ?? 'unknown';
    const report = sweep(set.runs, { preset });
    out.warnings.push(...report.warnings.map((w) => `${set.label}: ${w}`));
    const inputs = new Map(set.runs.map((r) => [r.name, r]));
    for (const r of report.runs) {
      const run_id = `${set.label}/${r.name}`;
      const input = inputs.get(r.name);
      const test = input ? sweepTest(input.log) : undefined;
      const row: RunRow = {
        run_id, host, date, run_set: set.label, kernel, driver, name: r.name, queues: r.queues, streams: r.streams, trial: r.trial ?? null,
        throughput_bps: r.throughput.bitsPerSecond, payload_bytes: r.throughput.bytes, seconds: r.throughput.seconds,
        busy_queues: r.spread?.source === 'observed' ? r.spread.occupied : null,
        max_streams_per_queue: r.spread?.source === 'observed' ? r.spread.maxLoad ?? null : null,
        expected_bps: r.expectedBps, p_this_slow: r.percentile,
      };
      out.runs.push(row);
      const queueOf = new Map((r.spread?.source === 'observed' ? r.spread.streamQueues : []).map((s) => [s.streamId, s.queue]));
      for (const s of test?.streams ?? []) {
        if (!s.local || !s.remote) { out.warnings.push(`${run_id}: stream ${s.id} has no endpoints; left out of streams`); continue; }
        // the sending end first, as Zeek's originator of an iperf client's connection
        const [o, p] = s.role === 'receiver' ? [s.remote, s.local] : [s.local, s.remote];
        const sum = s.summaries.find((x) => x.side === 'receiver') ?? s.totals;
        const proto = test!.protocol.toLowerCase();
        out.streams.push({
          run_id, host, date, stream_id: s.id, proto, orig_h: o.ip, orig_p: o.port, resp_h: p.ip, resp_p: p.port,
          payload_bytes: sum?.bytes ?? 0, bps: sum?.bitsPerSecond ?? 0, queue: queueOf.get(s.id) ?? null,
          community_id: communityId({ proto: PROTO[proto] ?? 6, saddr: o.ip, daddr: p.ip, sport: o.port, dport: p.port }),
        });
      }
      const loads = r.spread?.source === 'observed' ? r.spread.loads : undefined;
      const wire = r.spread?.counters?.queueBytes;
      for (let q = 0; q < r.queues; q++) {
        const qr: QueueRow = { run_id, host, date, queue: q, streams: loads ? loads[q] ?? 0 : null, wire_bytes: wire ? wire[q] ?? null : null };
        out.queues.push(qr);
      }
    }
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
