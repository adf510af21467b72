// Which observed stream each connect line of an iperf log names: by test and 4-tuple (streamKey.ts), so a server
// log's streams (all on local port 5201) and the tests of a multi-test log each get their own measured queue. No vscode.
import { streamKey } from '../../core/analysis/observed/streamKey';
import type { IperfLog } from '../../core/iperf/model';

/** Connect line (0-based) → the observed stream with the same key; lines whose stream was not matched are absent. */
export function measuredLines<S extends { key: string }>(log: IperfLog, streams: readonly S[]): Map<number, S> {
  const byKey = new Map(streams.map((s) => [s.key, s]));
  const out = new Map<number, S>();
  log.tests.forEach((test, testIndex) => {
    for (const stream of test.streams) {
      if (stream.connectLine === undefined || out.has(stream.connectLine)) continue;
      const s = byKey.get(streamKey(testIndex, test.protocol, stream));
      if (s) out.set(stream.connectLine, s);
    }
  });
  return out;
}
