import * as path from 'node:path';
import { imbalance } from '../../core/counters/imbalance';
import type { ObservedRunJson } from '../../core/analysis/observed/observeRun';
import type { RunPresetFit } from '../../core/analysis/observed/presetFit';
import { isFailedRow } from '../../core/analysis/spread/queueSpread';
import type { SpreadResult } from '../../core/export/model';
import type { CounterSideView, CountersView, ObservedView } from '../../shared/protocol';
import type { CountersResult, QueueCounterJson } from '../worker/countersJob';

/** The figure a side is about, as `queue-lens counters` chooses it: bytes, else packets, else interrupts. */
function mainValues(side: readonly QueueCounterJson[]): { unit: CounterSideView['unit']; values: number[] } | undefined {
  if (side.length === 0) return undefined;
  if (side.every((c) => c.bytes !== null)) return { unit: 'bytes', values: side.map((c) => c.bytes as number) };
  if (side.every((c) => c.packets !== null)) return { unit: 'packets', values: side.map((c) => c.packets as number) };
  if (side.every((c) => c.interrupts !== undefined)) return { unit: 'interrupts', values: side.map((c) => c.interrupts as number) };
  return undefined;
}

function sideView(direction: 'tx' | 'rx', side: readonly QueueCounterJson[], warnings: string[]): CounterSideView[] {
  const m = mainValues(side);
  if (!m) {
    if (side.length) warnings.push(`${direction}: ${side.length} queues, but not every queue has a counter; not drawn`);
    return [];
  }
  const im = imbalance(m.values);
  return [{
    direction, unit: m.unit,
    queues: side.map((c, i) => ({ queue: c.queue, value: m.values[i], packets: c.packets, bytes: c.bytes, share: im.shares[i] })),
    total: im.total, busy: im.busy, maxOverMean: im.maxOverMean, jain: im.jain,
  }];
}

/** The counters view: the worker's reading (the CLI's JSON) with each side's imbalance figures. */
export function countersView(r: CountersResult): CountersView {
  const c = r.counters;
  const warnings = [...c.warnings];
  return {
    after: path.basename(r.after), before: r.before === null ? null : path.basename(r.before),
    source: c.source, device: c.device, naming: r.naming, unit: c.unit, delta: c.delta,
    sides: [...sideView('tx', c.tx, warnings), ...sideView('rx', c.rx, warnings)],
    warnings,
  };
}

/** "q2 (measured)" where every fitting assignment agrees, else the candidates: "q1|q3 (measured: one of)". */
export function measuredQueueText(s: { queue: number | null; candidates: readonly number[] }): string {
  if (s.queue !== null) return `q${s.queue} (measured)`;
  if (s.candidates.length === 0) return 'no queue fits (measured)';
  return `${s.candidates.map((q) => `q${q}`).join('|')} (measured: one of)`;
}

/**
 * The observed spread of a run beside the model's answer for each stream (`model(localPort)`). With an exact preset
 * checked against the counters (`o.presetFit`), the model column is the fit's queue, marked where the counters rule
 * it out, and the fit's sentence goes with the view. `relative` writes paths in warnings as the Explorer does.
 */
export function observedView(o: ObservedRunJson & { presetFit?: RunPresetFit }, model: (localPort: number) => string, relative: (text: string) => string = (t) => t): ObservedView {
  const c = o.counters;
  const fit = o.presetFit;
  // by key (test and 4-tuple): a server log's streams share local port 5201
  const modelText = (port: number, key: string): string => {
    const m = fit?.streams.find((x) => (x.key !== undefined ? x.key === key : x.localPort === port));
    if (!fit || !m) return model(port);
    return `q${m.queue}/${fit.queues} · ${fit.preset} (model${m.allowed ? '' : '; the counters rule it out'})`;
  };
  return {
    countersLabel: `${c.source}${c.device ? ` of ${c.device}` : ''}, ${c.direction}: ${path.basename(c.after)}${c.before ? ` − ${path.basename(c.before)}` : ' (one snapshot)'}`,
    queues: o.queues, busyQueues: o.busyQueues, queueBytes: o.queueBytes,
    streams: o.streams.map((s) => ({ localPort: s.localPort, key: s.key, queue: s.queue, candidates: s.candidates, bytes: s.bytes, measured: measuredQueueText(s), model: modelText(s.localPort, s.key) })),
    ...(fit ? { presetFit: { preset: fit.preset, fits: fit.fits, text: fit.text } } : {}),
    warnings: o.warnings.map(relative),
  };
}

/** The model's answer for the stream sent from `localPort` at n queues, e.g. "q?/5 · linux-tx (model)". */
export function modelQueueText(s: SpreadResult | undefined, n: number, localPort: number): string {
  if (!s) return '– (no model)';
  const row = s.spread.rows.find((r) => r.n === n);
  if (!row) return `n = ${n} is beyond the model's 1..${s.spread.rows.length} (model)`;
  if (isFailedRow(row)) return `– · ${s.spread.preset} fails at n = ${n}: ${row.error} (model)`;
  const i = s.flows.findIndex((f) => f.tuple.src.port === localPort);
  // only an exact preset names the queue; a seeded draw of a random choice is not an answer for this flow
  const a = i >= 0 && s.spread.exact ? row.assignments?.[i] : undefined;
  return `q${a ? a.queue : '?'}/${n} · ${s.spread.preset} (model)`;
}
