import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import type { FlowReport } from '../../core/capture';

/** A flow is a data flow for the queue view when it carried at least this share of the capture's bytes. */
const DATA_FLOW_SHARE = 0.01;

type ReportFlow = FlowReport['flows'][number];

export function totalBytes(f: Pick<ReportFlow, 'aToB' | 'bToA'>): number {
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
