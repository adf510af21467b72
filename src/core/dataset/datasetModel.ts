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

export interface StreamRow {
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
  /** Measured: the stream's tx queue (port map / counters); null when not determined. */
  queue: number | null;
  community_id: string;
}

export interface QueueRow {
  run_id: string;
  host: string;
  date: string;
  queue: number;
  /** Measured: streams on the queue (null when the counters cannot tell). */
  streams: number | null;
  /** Measured: the per-queue counters' bytes (whole frames); null without counters. */
  wire_bytes: number | null;
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
  model: ModelRow[];
  warnings: string[];
}

export const TABLES = ['runs', 'streams', 'queues', 'model'] as const;
export type TableName = (typeof TABLES)[number];
