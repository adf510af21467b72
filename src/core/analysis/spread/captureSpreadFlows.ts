// What a capture's queue view counts: its data flows (≥ 1 % of the bytes), tunnels folded into one flow each, carriers not
// counted again. One rule for the capture editor and `queue-lens spread --capture`.
import type { SpreadFlow } from './queueSpread';
import type { FlowReport } from '../../flows';
import { tunnelTitle } from '../../capture/tunnelKinds';

/** A flow is a data flow for the queue view when it carried at least this share of the capture's bytes. */
const DATA_FLOW_SHARE = 0.01;

type ReportFlow = Pick<FlowReport['flows'][number], 'proto' | 'a' | 'b' | 'aToB' | 'bToA' | 'tunnel'>;

export function totalBytes(f: Pick<ReportFlow, 'aToB' | 'bToA'>): number {
  return f.aToB.bytes + f.bToA.bytes;
}

/** The capture's largest flow (by bytes) and its data direction: the sender of most of its bytes, and the receiver. */
export function largestFlow(report: Pick<FlowReport, 'flows'>): { from: ReportFlow['a']; to: ReportFlow['b'] } | undefined {
  if (report.flows.length === 0) return undefined;
  const f = report.flows.reduce((a, b) => (totalBytes(b) > totalBytes(a) ? b : a));
  return f.aToB.bytes >= f.bToA.bytes ? { from: f.a, to: f.b } : { from: f.b, to: f.a };
}

const sameEndpoint = (x: { ip: string; port: number }, y: { ip: string; port: number }): boolean => x.ip === y.ip && x.port === y.port;

/**
 * How tunnels tie the capture's flows together. A tunnelled (inner) flow names the outer UDP flow that carried its
 * first packet (`tunnel`); that outer flow is its carrier. The return traffic of a VXLAN/Geneve tunnel travels in
 * another outer UDP flow (the far VTEP picks its own source port), which the inner flow does not name: an outer UDP
 * flow between the same two tunnel endpoints, to the tunnel's port, is a return carrier. It is nested under the
 * inner flow whose B→A packets and bytes it equals, when exactly one does.
 *
 * `parent[i]` is the index of the flow row i is nested under (-1: top level); `carrier[i]` says row i only carries
 * other flows (it is not a data flow of its own).
 */
export function tunnelTree(flows: readonly ReportFlow[]): { parent: number[]; carrier: boolean[] } {
  const parent = flows.map(() => -1);
  const carrier = flows.map(() => false);
  const inner = flows.map((f, i) => ({ f, i })).filter(({ f }) => f.tunnel);
  if (inner.length === 0) return { parent, carrier };
  flows.forEach((f, i) => {
    if (f.proto !== 'udp' || f.tunnel) return;
    const forward = inner.find(({ f: t }) => sameEndpoint(t.tunnel!.a, f.a) && sameEndpoint(t.tunnel!.b, f.b));
    if (forward) {
      carrier[i] = true;
      // the inner flow is nested under the carrier that names it
      parent[forward.i] = i;
      return;
    }
    const back = inner.filter(({ f: t }) => t.tunnel!.b.ip === f.a.ip && t.tunnel!.a.ip === f.b.ip && t.tunnel!.b.port === f.b.port);
    if (back.length === 0) return;
    carrier[i] = true;
    const match = back.filter(({ f: t }) => t.bToA.packets === f.aToB.packets && t.bToA.bytes === f.aToB.bytes && f.bToA.packets === 0);
    if (match.length === 1) parent[i] = match[0].i;
  });
  return { parent, carrier };
}

/**
 * The flows whose queues matter: those with ≥ 1 % of the bytes (benchmark streams, not stray control
 * or neighbour-discovery packets), hashed as the first packet's sender to its peer. A tunnelled flow and the outer
 * UDP flows that carry it are one data flow, hashed by the outer flow (what most NICs see; `tunnelHashing` 'inner':
 * by the inner flow, for a NIC with inner RSS) and named by the inner flow (`inner`: what iperf ran); the carriers
 * are not counted again, nor are their bytes.
 */
export function captureSpreadFlows(report: Pick<FlowReport, 'flows'>, tunnelHashing: 'outer' | 'inner' = 'outer'): { flows: SpreadFlow[]; note: string } {
  const { carrier } = tunnelTree(report.flows);
  const own = report.flows.filter((_, i) => !carrier[i]);
  const total = own.reduce((s, f) => s + totalBytes(f), 0);
  const data = own.filter((f) => total > 0 && totalBytes(f) >= DATA_FLOW_SHARE * total);
  const flows = data.map((f): SpreadFlow => {
    const outer = f.tunnel;
    const own = { proto: f.proto, src: f.a, dst: f.b };
    if (!outer) return { tuple: own, bytes: totalBytes(f) };
    // hashed by the outer flow, named by the inner one: the iperf stream the user started
    const tunnel = `${outer.kind ? tunnelTitle(outer.kind) : 'UDP tunnel'}${outer.vni === undefined ? '' : ` ${outer.vni}`}`;
    const hashed = tunnelHashing === 'inner' ? own : { proto: outer.proto, src: outer.a, dst: outer.b };
    return { tuple: hashed, bytes: totalBytes(f), inner: { tuple: own, tunnel } };
  });
  const left = own.length - data.length;
  const carriers = carrier.filter(Boolean).length;
  const note = `${data.length} data flows (each ≥ 1 % of the capture's bytes)` + (left > 0 ? `; ${left} smaller flow${left === 1 ? '' : 's'} left out` : '') +
    (data.some((f) => f.tunnel) ? (tunnelHashing === 'inner'
      ? `; tunnelled flows are hashed by their inner flow (queueLens.tunnelHashing: inner, a NIC with inner RSS), and their ${carriers} carrier flows are not counted again`
      : `; tunnelled flows are named by their inner flow but hashed by their outer UDP flow, as most NICs see them (queueLens.tunnelHashing), and their ${carriers} carrier flows are not counted again`) : '');
  return { flows, note };
}
