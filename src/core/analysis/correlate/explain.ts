/**
 * Why a capture and an iperf log matched no stream at all: the log's endpoints (addresses, then ports) compared
 * with the capture's, and the capture's time span (iperf's model keeps no wall-clock time to compare with).
 * Pure; used by correlate() when nothing matched.
 */
import type { IperfLog } from '../../iperf/model';
import type { CorrelateCapture } from './correlate';
import { plural } from '../../text';

const ip = (a: string): string => a.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
const list = (xs: Iterable<string>, max = 4): string => {
  const all = [...xs];
  return all.length <= max ? all.join(', ') : `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
};
const host = (a: string): string => (a.includes(':') ? `[${a}]` : a);

export function explainNoMatch(capture: CorrelateCapture, log: IperfLog): string {
  const streams = log.tests.flatMap((t) => t.streams);
  const withEnds = streams.filter((s) => s.local && s.remote);
  if (streams.length === 0) return 'the log has no iperf stream to match';
  if (withEnds.length === 0) return 'the log names no endpoints for its streams (iperf prints them on the "connected" lines), so none can be matched by 4-tuple';
  if (capture.flows.length === 0) return 'the capture has no TCP or UDP flow';
  const capAddrs = new Set<string>();
  const capPorts = new Set<number>();
  for (const f of capture.flows) {
    for (const e of [f.a, f.b, ...(f.tunnel ? [f.tunnel.a, f.tunnel.b] : [])]) {
      capAddrs.add(ip(e.ip));
      capPorts.add(e.port);
    }
  }
  const logAddrs = new Set<string>();
  const logPorts = new Set<number>();
  for (const s of withEnds) {
    for (const e of [s.local!, s.remote!]) {
      logAddrs.add(ip(e.ip));
      logPorts.add(e.port);
    }
  }
  const span = capture.start !== undefined && capture.duration !== undefined && capture.flows.length > 0
    ? ` The capture runs from ${new Date(capture.start * 1000).toISOString()} for ${capture.duration.toFixed(1)} s; check that the log is of that run.`
    : '';
  const sharedAddrs = [...logAddrs].filter((a) => capAddrs.has(a));
  if (sharedAddrs.length === 0) {
    return `different addresses: the log's streams are between ${list([...logAddrs].map(host))}, the capture's flows between ${list([...capAddrs].map(host))}.${span}`;
  }
  const sharedPorts = [...logPorts].filter((p) => capPorts.has(p));
  const logOnly = [...logPorts].filter((p) => !capPorts.has(p)).sort((x, y) => x - y);
  if (sharedPorts.length === 0 || logOnly.length > 0) {
    return `different ports: the addresses match (${list(sharedAddrs.map(host))}) but the capture has no flow on the log's ${plural(logOnly.length, 'port')} ${list(logOnly.map(String), 8)} — another run between the same hosts, or the capture started late.${span}`;
  }
  const protos = new Set(withEnds.map((s) => s.protocol));
  const capProtos = new Set(capture.flows.map((f) => f.proto));
  if (![...protos].some((p) => capProtos.has(p))) return `different protocols: the log's streams are ${list(protos)}, the capture holds ${list(capProtos)} only.${span}`;
  return `the addresses and ports occur in the capture but never as the log's 4-tuples together — a different run between the same hosts.${span}`;
}
