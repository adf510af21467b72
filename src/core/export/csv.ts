// CSV (RFC 4180) of the tables Queue Lens shows: every field quoted when it needs to be.
import type { FlowsJson } from '../flows/report';
import { flowLabel, hex32 } from '../text';
import { isFailedRow } from '../analysis/spread/queueSpread';
import type { SpreadResult, SweepResult } from './model';

function field(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  // A leading =, +, -, @, TAB or CR would be run as a formula by spreadsheets (OWASP CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: (string | number | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function flowsCsv(c: Pick<FlowsJson, 'flows'>): string {
  return toCsv(
    ['proto', 'a_ip', 'a_port', 'b_ip', 'b_port', 'a_to_b_packets', 'a_to_b_bytes', 'b_to_a_packets', 'b_to_a_bytes', 'start_s', 'duration_s'],
    c.flows.map((f) => [f.proto, f.a.ip, f.a.port, f.b.ip, f.b.port, f.aToB.packets, f.aToB.bytes, f.bToA.packets, f.bToA.bytes, f.start, f.duration]),
  );
}

/** One row per (flow, n) with the queue, plus the per-n model numbers in a second table. */
export function spreadCsv(s: SpreadResult): { queues: string; odds: string } {
  const labels = s.flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple));
  const rows = s.spread.rows;
  const queues = toCsv(
    ['flow', 'n', 'queue', 'hash'],
    rows.flatMap((r) => labels.map((label, i) => {
      const a = isFailedRow(r) ? undefined : r.assignments?.[i];
      return [label, r.n, a?.queue, a ? hex32(a.hash) : undefined];
    })),
  );
  const odds = toCsv(
    ['n', 'loads', 'max_over_mean', 'jain', 'p_balanced', 'expected_max', 'p_slower_than_n_minus_1', 'expected_throughput', 'error'],
    rows.map((r) => (isFailedRow(r)
      ? [r.n, undefined, undefined, undefined, undefined, undefined, undefined, undefined, r.error]
      : [r.n, r.loads?.join(' '), r.maxOverMean, r.jain, r.pBalanced, r.expectedMax, r.pSlowerThanPrevious, r.expectedThroughput, undefined])),
  );
  return { queues, odds };
}

/** Compare Queue Counts: one row per queue count (measured mean and the model's curve) and one per run. */
export function sweepCsv(s: SweepResult): { points: string; runs: string } {
  const r = s.report;
  const points = toCsv(
    ['n', 'trials_bps', 'mean_bps', 'expected_bps', 'low_bps', 'high_bps', 'mean_in_band', 'p_balanced', 'p_slower_than_n_minus_1'],
    r.points.map((p) => [p.n, p.trials.join(' '), p.meanBps, p.expectedBps, p.lowBps, p.highBps, p.meanInBand === undefined ? undefined : String(p.meanInBand), p.pBalanced, p.pSlowerThanPrevious]),
  );
  const runs = toCsv(
    ['run', 'queues', 'trial', 'streams', 'measured_bps', 'spread_source', 'busy_queues', 'streams_per_queue', 'expected_bps', 'percentile', 'in_band', 'preset_fits', 'preset_reason'],
    r.runs.map((x) => [x.name, x.queues, x.trial, x.streams, x.throughput.bitsPerSecond, x.spread?.source, x.spread?.occupied, x.spread?.loads?.join(' '), x.expectedBps, x.percentile, String(x.inBand), x.presetCheck ? String(x.presetCheck.fits) : undefined, x.presetCheck?.reason]),
  );
  return { points, runs };
}
