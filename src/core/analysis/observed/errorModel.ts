/**
 * The error model of `observed`: how far a queue's counted bytes may lie from the bytes of the streams on it. A
 * queue's counter = Σ (each of its streams' wire bytes) + unrelated bytes ≥ 0, where
 * - a stream's wire bytes lie in [low × bytes, high × bytes + extraBytes]: headers and retransmissions only add
 *   bytes on the wire; `low` below 1 covers a log's rounding and, for a sender's totals, data still in the socket
 *   buffer at the end (never sent);
 * - the unrelated bytes (ssh, a monitoring agent, the iperf control connection, ARP) sum to at most
 *   unrelatedShare × the counted bytes + unrelatedBytes over all queues, placed anywhere.
 * An assignment of streams to queues fits when some choice of wire bytes and unrelated bytes within these bounds
 * gives every queue's counter exactly. Pure.
 */

export interface ErrorModel {
  /** A stream's wire bytes are at least low × its bytes. */
  low: number;
  /** …and at most high × its bytes + extraBytes (headers × retransmissions, handshake and FIN). */
  high: number;
  extraBytes: number;
  /** Unrelated bytes on all queues together: at most unrelatedShare × counted bytes + unrelatedBytes. */
  unrelatedShare: number;
  unrelatedBytes: number;
}

/** Where the streams' bytes come from, which sets the model's width. */
export type BytesSource = 'capture' | 'log';
/** A log's totals: the receiver's (what arrived) or only the sender's (what was written into the socket). */
export type LogTotals = 'receiver' | 'sender';

/**
 * Headers: 1514-byte frames for 1448 bytes of payload are 4.6 %; IPv6, VLAN tags and small MSS (tunnels, 1220) up to
 * 8 %. Retransmissions: up to 10 % of a stream's bytes sent again. 1.08 × 1.10 = 1.188.
 */
const LOG_HIGH = 1.19;
/** A text log gives three significant digits ("125 MBytes"): up to 0.5 % above the real count. */
const LOG_ROUNDING_LOW = 0.995;
/** A sender's total counts bytes written into the socket; up to 30 % may never have left (capped queue, short run). */
const SENDER_LOW = 0.7;
/** Wire segments rebuilt from a capture match tc's counters to the byte; 0.1 % covers frames the capture dropped. */
const CAPTURE_LOW = 0.99998;
const CAPTURE_HIGH = 1.001;

/** The default model for a source; `slackBytes` (a capture's own other traffic) adds to the unrelated bytes. */
export function defaultErrorModel(source: BytesSource, totals: LogTotals = 'receiver', slackBytes?: number): ErrorModel {
  if (source === 'capture') {
    // the capture shows the host's other traffic (slackBytes); what it may have missed is bounded by 0.5 %
    return { low: CAPTURE_LOW, high: CAPTURE_HIGH, extraBytes: 0, unrelatedShare: 0.005, unrelatedBytes: slackBytes ?? 64 * 1024 };
  }
  return {
    low: totals === 'sender' ? SENDER_LOW : LOG_ROUNDING_LOW,
    high: LOG_HIGH,
    // SYN, FIN and their ACKs, the last partial segments
    extraBytes: 8 * 1024,
    // 1–10 % unrelated traffic (an ssh session, a monitoring agent), plus the control connection and ARP
    unrelatedShare: 0.1,
    unrelatedBytes: (slackBytes ?? 0) + 64 * 1024,
  };
}

/** The model in one sentence, as the CLI, the report and the docs state it. */
export function errorModelText(m: ErrorModel): string {
  const pct = (x: number): string => `${Number((x * 100).toPrecision(6))} %`;
  return `each stream's counted bytes ${m.low === 1 ? 'at least its bytes' : `at least ${pct(m.low)} of its bytes`} and at most ${pct(m.high)} of them + ${m.extraBytes} B ` +
    `(headers, retransmissions); unrelated traffic on any queues, at most ${pct(m.unrelatedShare)} of the counted bytes + ${m.unrelatedBytes} B in all`;
}
