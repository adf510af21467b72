import type { FlowReport } from '../core/capture';
import { queueSpread, SpreadFlow } from '../core/analysis/spread/queueSpread';
import { presetInfo } from '../core/hashing';
import type { FlowSeriesView, SpreadView } from '../shared/protocol';
import type { QueueLensSettings } from './settings';

export function flowLabel(f: SpreadFlow): string {
  return `${f.tuple.proto} ${f.tuple.src.ip}:${f.tuple.src.port} → ${f.tuple.dst.ip}:${f.tuple.dst.port}`;
}

/** Computes the queue view of these flows under the current settings, as plain data for the webview. */
export function spreadView(title: string, flows: SpreadFlow[], s: QueueLensSettings, note?: string): SpreadView {
  const spread = queueSpread(flows, s.preset, s.maxQueues, s.presetOptions, s.model);
  return {
    title,
    preset: s.preset,
    presetTitle: presetInfo(s.preset).title,
    exact: spread.exact,
    deterministic: spread.deterministic,
    model: spread.model,
    flows: flows.map(flowLabel),
    note,
    problems: s.problems,
    rows: spread.rows.map((r) => ({
      n: r.n,
      queues: r.assignments?.map((a) => a.queue),
      hashes: r.assignments?.map((a) => a.hash),
      loads: r.loads,
      byteLoads: r.byteLoads,
      maxOverMean: r.maxOverMean,
      jain: r.jain,
      pBalanced: r.pBalanced,
      expectedMax: r.expectedMax,
      pSlowerThanPrevious: r.pSlowerThanPrevious,
      expectedThroughput: r.expectedThroughput,
    })),
  };
}

/** A flow is a data flow for the queue view when it carried at least this share of the capture's bytes. */
const DATA_FLOW_SHARE = 0.01;
const MAX_SERIES = 32;

type ReportFlow = FlowReport['flows'][number];

function totalBytes(f: ReportFlow): number {
  return f.aToB.bytes + f.bToA.bytes;
}

/**
 * The flows whose queues matter: those with ≥ 1 % of the bytes (benchmark streams, not stray control
 * or neighbour-discovery packets), hashed as the first packet's sender to its peer. A tunnelled flow is
 * hashed by its outer UDP flow, since that is what the NIC sees.
 */
export function captureSpreadFlows(report: FlowReport): { flows: SpreadFlow[]; note: string } {
  const total = report.flows.reduce((s, f) => s + totalBytes(f), 0);
  const data = report.flows.filter((f) => total > 0 && totalBytes(f) >= DATA_FLOW_SHARE * total);
  const flows = data.map((f) => {
    const outer = f.tunnel;
    return {
      tuple: outer ? { proto: outer.proto, src: outer.a, dst: outer.b } : { proto: f.proto, src: f.a, dst: f.b },
      bytes: totalBytes(f),
    };
  });
  const left = report.flows.length - data.length;
  const note = `${data.length} data flows (each ≥ 1 % of the capture's bytes)` + (left > 0 ? `; ${left} smaller flows left out` : '') +
    (data.some((f) => f.tunnel) ? '; tunnelled flows are hashed by their outer UDP flow' : '');
  return { flows, note };
}

/** Throughput over time of the largest flows (both directions). */
export function captureSeries(report: FlowReport): FlowSeriesView[] {
  return [...report.flows]
    .sort((x, y) => totalBytes(y) - totalBytes(x))
    .slice(0, MAX_SERIES)
    .map((f) => ({
      label: `${f.proto} ${f.a.ip}:${f.a.port} → ${f.b.ip}:${f.b.port}`,
      bytes: f.series.aToB.map((b, i) => b + (f.series.bToA[i] ?? 0)),
    }));
}
