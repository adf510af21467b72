// iperf streams → the flows Queue Lens hashes. No vscode imports: shared by every iperf feature.
import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import type { FlowTuple } from '../../core/hashing';
import type { IperfStream, IperfTest } from '../../core/iperf';

/**
 * The data packets' tuple: the queue is picked for the packets that carry the data (TX on the sender, RX on
 * the receiver), so the source is whichever end sends — this host's end when it is the sender, else the peer's.
 * Undefined when the log does not give both endpoints.
 */
export function streamTuple(s: IperfStream): FlowTuple | undefined {
  if (!s.local || !s.remote) return undefined;
  const [src, dst] = s.role === 'sender' ? [s.local, s.remote] : [s.remote, s.local];
  return { proto: s.protocol, src: { ip: src.ip, port: src.port }, dst: { ip: dst.ip, port: dst.port } };
}

function streamFlow(s: IperfStream): SpreadFlow | undefined {
  const tuple = streamTuple(s);
  if (!tuple) return undefined;
  return s.totals ? { tuple, bytes: s.totals.bytes } : { tuple };
}

/** The flows of a test's streams that have both endpoints, in stream order. */
export function testFlows(t: IperfTest): SpreadFlow[] {
  const out: SpreadFlow[] = [];
  for (const s of t.streams) {
    const f = streamFlow(s);
    if (f) out.push(f);
  }
  return out;
}

/** The first connect line of a test (where its CodeLens goes); undefined when no stream has one. */
export function firstConnectLine(t: IperfTest): number | undefined {
  let first: number | undefined;
  for (const s of t.streams) {
    if (s.connectLine !== undefined && (first === undefined || s.connectLine < first)) first = s.connectLine;
  }
  return first;
}
