import type { Correlation } from '../../core/analysis/correlate/correlate';
import type { FlowReport } from '../../core/flows';
import { countOf, endpointText } from '../../core/text';
import type { CorrelationView } from '../../shared/protocol';

const endpoint = (e?: { ip: string; port: number }): string => (e ? endpointText(e) : '?');

/** The correlation table's rows as text: streams, flows (tunnelled ones marked) and what matched nothing. */
export function correlationView(c: Correlation, report: Pick<FlowReport, 'flows'>, logFile: string): CorrelationView {
  return {
    logFile,
    matched: c.matched.map((m) => {
      const f = report.flows[m.flowIndex];
      return {
        stream: `[${m.streamId}] ${endpoint(m.from)} → ${endpoint(m.to)}`,
        flow: `${m.proto} ${endpoint(f.a)} ↔ ${endpoint(f.b)}${m.tunnelled ? ' (tunnelled)' : ''}`,
        iperfBytes: m.iperf.bytes, captureBytes: m.capture.bytes, iperfBps: m.iperf.bitsPerSecond, captureBps: m.capture.bitsPerSecond,
        byteRatio: m.byteRatio,
      };
    }),
    // nothing matched: the reason leads the list of unmatched streams
    unmatchedStreams: [...(c.noMatch ? [`No stream matched: ${c.noMatch}`] : []), ...c.unmatchedStreams.map((u) => `[${u.streamId}] ${endpoint(u.local)} – ${endpoint(u.remote)}: ${u.reason}`)],
    unmatchedFlows: c.unmatchedFlows.map((f) => `${f.proto} ${endpoint(f.a)} ↔ ${endpoint(f.b)} (${countOf(f.packets, 'packet')})${f.carries ? ' — tunnel carrying matched flows' : ''}`),
  };
}
