// iperf streams → the flows Queue Lens hashes. No vscode imports: shared by every iperf feature.
import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import { IperfStream, IperfTest, senderTuple } from '../../core/iperf';

function streamFlow(s: IperfStream): SpreadFlow | undefined {
  const tuple = senderTuple(s);
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
