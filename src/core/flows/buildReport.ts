import { TUNNEL_GTPU } from '../capture/tunnels';
import { tunnelKind } from '../capture/tunnelKinds';
import { formatIPv4, formatIPv6 } from '../capture/address';
import { CarrierAddrs, FlowExtras } from './extras';
import { FlowTable } from './flowTable';
import { CarrierRef, Endpoint, FlowReport, FlowWithSeries, TunnelRef } from './report';

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
function carrierRef(c: CarrierAddrs): CarrierRef {
  const w = c.words;
  const ip = (i: number): string => (c.v6 ? formatIPv6(w[i], w[i + 1], w[i + 2], w[i + 3]) : formatIPv4(w[i + 3]));
  const ref: CarrierRef = { kind: tunnelKind(c.kind)!.name as CarrierRef['kind'], a: ip(0), b: ip(4) };
  if (c.id >= 0) ref.id = c.id;
  return ref;
}

export function buildReport(t: FlowTable, head: Omit<FlowReport, 'flows'>, extras?: FlowExtras): FlowReport {
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
      const known = tunnelKind(kind);
      if (known) {
        tunnel.kind = known.name as TunnelRef['kind'];
        // The GTP-U TEID is a full 32 bits; elsewhere -1 means the header has no identifier.
        if (kind === TUNNEL_GTPU) tunnel.vni = t.vni[f] >>> 0;
        else if (t.vni[f] !== -1) tunnel.vni = t.vni[f];
      }
      flow.tunnel = tunnel;
    }
    const carrier = extras?.carriers.get(f);
    if (carrier) flow.carrier = carrierRef(carrier);
    const frags = extras?.fragments.get(f);
    if (frags) flow.fragments = { count: frags.count, bytes: frags.bytes };
    flows.push(flow);
  }
  const report: FlowReport = { ...head, start: head.start, duration: ns(head.duration), flows };
  if (t.other[0] > 0) report.otherFlows = { flows: t.other[0], packets: t.other[1], bytes: t.other[2] };
  return report;
}
