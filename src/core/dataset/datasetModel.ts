// The columnar dataset of runs (docs/dataset.md): one row type per table. Units are in the column names:
// payload bytes are what iperf counted (TCP/UDP payload, as Zeek's orig_bytes); wire bytes are what per-queue
// counters counted (whole frames). Every column says measured or modelled in docs/dataset.md.

export interface RunRow {
  run_id: string;
  /** Partition keys: the manifest's "host", else the run set's folder name; the manifest's date (YYYY-MM-DD) or "unknown". */
  host: string;
  date: string;
  run_set: string;
  kernel: string;
  /** The manifest's "driver" (e.g. veth, virtio_net, ena), else "unknown". */
  driver: string;
  name: string;
  queues: number;
  streams: number;
  trial: number | null;
  /** Measured: the receiver's [SUM] (or the streams' totals) from the iperf log. */
  throughput_bps: number;
  payload_bytes: number;
  seconds: number;
  /** Measured: queues that carried streams (port map or per-queue counters); null when unknown. */
  busy_queues: number | null;
  max_streams_per_queue: number | null;
  /** Modelled: the model's expected throughput at this queue count, with the capacity fitted to the set (model A). */
  expected_bps: number;
  /** Modelled: P(a run at this n is this slow or slower). */
  p_this_slow: number;
}

interface StreamRow {
  run_id: string;
  host: string;
  date: string;
  stream_id: number;
  proto: string;
  orig_h: string;
  orig_p: number;
  resp_h: string;
  resp_p: number;
  /** Measured: iperf's payload bytes of the stream (sender's, or receiver's where the log has it). */
  payload_bytes: number;
  bps: number;
  /** Measured: the stream's tx queue (trace / port map / counters); null when not determined. */
  queue: number | null;
  /** Where `queue` comes from: 'trace' (the kernel's choice, traced), 'ports' (a port → queue map), 'counters'; null when unknown. */
  queue_source: 'trace' | 'ports' | 'counters' | null;
  /** Measured (trace): the CPUs that handled the stream's packets on its queue, comma-separated; null without a trace. */
  cpus: string | null;
  /** Measured (trace): the stream's wire bytes on all its queues (frames as a qdisc counts them); null without a trace. */
  traced_wire_bytes: number | null;
  community_id: string;
}

/**
 * One row per run, queue and source: the counters' row (source: the counter source, e.g. 'tc-qdisc', or null when the
 * run had none) and, for a recorded run with a trace, the trace's row (source 'trace').
 */
export interface QueueRow {
  run_id: string;
  host: string;
  date: string;
  queue: number;
  source: string | null;
  /** Measured: streams on the queue (null when the source cannot tell). */
  streams: number | null;
  /** Measured: wire frames on the queue (trace: GSO/GRO segments); null when the source does not count them. */
  packets: number | null;
  /** Measured: the queue's wire bytes (whole frames); null without counters or trace. */
  wire_bytes: number | null;
}

/** One flow of a run's capture (core flow report): the sender of its first packet is the originator. */
export interface FlowRow {
  run_id: string;
  host: string;
  date: string;
  proto: string;
  orig_h: string;
  orig_p: number;
  resp_h: string;
  resp_p: number;
  /** Measured: packets and wire bytes (whole frames as captured on the wire, not payload) in each direction. */
  orig_pkts: number;
  orig_wire_bytes: number;
  resp_pkts: number;
  resp_wire_bytes: number;
  /** Measured: epoch seconds (UTC) of the flow's first and last packet. */
  first_ts: number;
  last_ts: number;
  community_id: string;
}

export interface ModelRow {
  host: string;
  date: string;
  run_set: string;
  kernel: string;
  driver: string;
  queues: number;
  streams: number;
  busy: number;
  /** Modelled: P(exactly `busy` queues carry streams), the preset's exact busy-queue distribution. */
  p_busy: number;
  preset: string;
}

export interface Dataset {
  runs: RunRow[];
  streams: StreamRow[];
  queues: QueueRow[];
  flows: FlowRow[];
  model: ModelRow[];
  warnings: string[];
}

export const TABLES = ['runs', 'streams', 'queues', 'flows', 'model'] as const;
export type TableName = (typeof TABLES)[number];
