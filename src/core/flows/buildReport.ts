import { TUNNEL_GENEVE, TUNNEL_VXLAN } from '../capture/decode';
import { formatIPv4, formatIPv6 } from './address';
import { FlowTable } from './flowTable';
import { Endpoint, FlowReport, FlowWithSeries, TunnelRef } from './report';

/** Rounds to the nanosecond so sums of float seconds print cleanly. */
function ns(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function endpoints(t: FlowTable, f: number): { proto: 'tcp' | 'udp'; a: Endpoint; b: Endpoint } {
  const k = t.keys;
  const o = f * 10;
  const v6 = (k[o] >> 8) & 1;
  const ip = (w: number): string => (v6 ? formatIPv6(k[w], k[w + 1], k[w + 2], k[w + 3]) : formatIPv4(k[w + 3]));
  const low: Endpoint = { ip: ip(o + 1), port: k[o + 9] >>> 16 };
  const high: Endpoint = { ip: ip(o + 5), port: k[o + 9] & 0xffff };
  const lowIsA = t.aIsLow[f] === 1;
  return { proto: (k[o] & 0xff) === 6 ? 'tcp' : 'udp', a: lowIsA ? low : high, b: lowIsA ? high : low };
}

/** Turns the typed-array table into the report objects, flows in order of their first packet. */
export function buildReport(t: FlowTable, head: Omit<FlowReport, 'flows'>): FlowReport {
  const bins = head.timeline.packets.length;
  const flows: FlowWithSeries[] = [];
  const s = t.stats;
  for (let f = 0; f < t.count; f++) {
    const o = f * 6;
    const e = endpoints(t, f);
    // A literal of one shape (no spread): building a million flows stays linear and light on the collector.
    const flow: FlowWithSeries = {
      proto: e.proto,
      a: e.a,
      b: e.b,
      aToB: { packets: s[o], bytes: s[o + 1] },
      bToA: { packets: s[o + 2], bytes: s[o + 3] },
      start: ns(s[o + 4]),
      duration: ns(s[o + 5] - s[o + 4]),
      series: { aToB: t.seriesOf(f, true, bins), bToA: t.seriesOf(f, false, bins) },
    };
    const outer = t.tunnelOf[f];
    if (outer >= 0) {
      const oe = endpoints(t, outer);
      const tunnel: TunnelRef = { proto: 'udp', a: oe.a, b: oe.b };
      const kind = t.tunnelKind[f];
      if (kind === TUNNEL_VXLAN || kind === TUNNEL_GENEVE) {
        tunnel.kind = kind === TUNNEL_VXLAN ? 'vxlan' : 'geneve';
        tunnel.vni = t.vni[f];
      }
      flow.tunnel = tunnel;
    }
    flows.push(flow);
  }
  const report: FlowReport = { ...head, start: head.start, duration: ns(head.duration), flows };
  if (t.other[0] > 0) report.otherFlows = { flows: t.other[0], packets: t.other[1], bytes: t.other[2] };
  return report;
}
