// One stream's data packets as a flow tuple: what every hashing view of an iperf stream (the editor's annotations,
// the sweep's exact-preset spread) hashes.
import type { FlowTuple } from '../hashing/flow';
import type { IperfStream } from './model';

/**
 * The data packets' tuple: the queue is picked for the packets that carry the data (TX on the sender, RX on
 * the receiver), so the source is whichever end sends — this host's end when it is the sender, else the peer's
 * (-R, or a server log). Undefined when the log does not give both endpoints.
 */
export function senderTuple(s: IperfStream): FlowTuple | undefined {
  if (!s.local || !s.remote) return undefined;
  const [src, dst] = s.role === 'sender' ? [s.local, s.remote] : [s.remote, s.local];
  return { proto: s.protocol, src: { ip: src.ip, port: src.port }, dst: { ip: dst.ip, port: dst.port } };
}
