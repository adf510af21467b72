// A capture's flow report (core/flows) as the dataset's flows table: the sender of the first packet is the
// originator, bytes are wire bytes (whole captured frames' original length), times are epoch seconds.
import type { FlowReport } from '../flows/report';
import { communityId } from './communityId';
import type { FlowRow } from './datasetModel';

const PROTO = { tcp: 6, udp: 17 } as const;

export function flowRows(report: FlowReport, run_id: string, host: string, date: string): FlowRow[] {
  return report.flows.map((f) => {
    const first_ts = report.start + f.start;
    return {
      run_id, host, date, proto: f.proto, orig_h: f.a.ip, orig_p: f.a.port, resp_h: f.b.ip, resp_p: f.b.port,
      orig_pkts: f.aToB.packets, orig_wire_bytes: f.aToB.bytes, resp_pkts: f.bToA.packets, resp_wire_bytes: f.bToA.bytes,
      first_ts, last_ts: first_ts + f.duration,
      community_id: communityId({ proto: PROTO[f.proto], saddr: f.a.ip, daddr: f.b.ip, sport: f.a.port, dport: f.b.port }),
    };
  });
}
