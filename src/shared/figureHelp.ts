/**
 * One line per figure Queue Lens shows: the hover text in the webviews and the glossary in docs/figures.md (a unit
 * test keeps the two equal). Each line says whether the figure is measured or modelled.
 */
export const FIGURE_HELP = {
  measured: 'Measured: read from your capture, iperf log or per-queue counters. Exact for that run.',
  modelled: 'Modelled: what a hashing scheme or throughput model expects; a probability or an expectation, not what happened.',
  dataFlow: 'Data flow: a TCP/UDP flow carrying at least 1 % of the capture’s bytes (control connections are left out of the queue view).',
  flowsPerQueue: 'Flows per queue: how many data flows sit on each queue. Measured from counters, or computed by an exact preset; “?” where the preset is a model.',
  busyQueues: 'Busy queues: queues that carried at least one data flow. Measured from per-queue counters where they exist.',
  maxOverMean: 'max/mean: the busiest queue’s load divided by the average load. 1.00 is perfectly even; 2.00 means one queue carries twice its share.',
  jain: 'Jain’s index: (Σx)² / (n·Σx²) over per-queue loads; 1 when every queue carries the same, 1/n when one queue carries everything.',
  pBalanced: 'P(balanced), modelled: the probability that no queue holds more flows than the most even split allows (⌈k/n⌉ of k flows over n queues).',
  expectedMax: 'E[max load], modelled: the expected number of flows on the busiest queue when each flow picks its queue as the preset says.',
  pSlowerThanPrevious: 'P(slower than n−1), modelled: the probability that a run with n queues delivers less than an independent run with n−1 queues.',
  expectedThroughput: 'E[throughput], modelled: the expected aggregate rate in units of one queue’s capacity, under the chosen throughput model.',
  modelA: 'Model A (work-conserving): every queue that has a flow delivers one queue’s capacity, shared by its flows.',
  modelB: 'Model B (slowest stream): all streams move at the pace of the busiest queue, so the aggregate is flows ÷ the busiest queue’s load, in queue capacities.',
  band: '10–90 % band, modelled: 80 % of runs are expected to fall inside it; a run outside it is unusual for the model.',
  inBand: 'In band: whether a measured run lies inside the model’s 10–90 % band, within the model’s own rounding (±0.5 % of the rate).',
  capacity: 'Per-queue capacity: the rate one queue delivers, fitted to the measured runs (least squares) unless given; the model curve is this times E[throughput].',
  rmsResidual: 'rms residual: the root-mean-square gap between each measured run and the model’s expectation for it — how far the model misses, in the rate’s unit.',
  trialFell: 'Fell: a trial whose rate dropped by 5 % or more when one queue was added — the dip that makes adding a queue look harmful.',
  binomialP: 'Binomial p: the chance of seeing at least this many falls (two-sided) if each trial falls with the model’s P(slower than n−1).',
  fits: 'Does not fit this run: an exact preset gives a busy-queue count or a flow’s queue that the counters rule out, or too few busy queues for the measured throughput.',
  packetRate: 'Packets per second, measured: every packet in the capture counted per time bin, all flows together.',
  flowThroughput: 'Flow throughput, measured: each flow’s bytes per time bin (both directions) as megabits per second, for the largest flows.',
  endpoint: 'Endpoint: address and port of one side of the flow; A is the side that sent the flow’s first packet.',
  flowBytes: 'Bytes, measured: the flow’s bytes on the wire (both directions unless the column says A→B or B→A), as captured.',
  flowPackets: 'Packets, measured: how many of the flow’s packets the capture holds in that direction.',
  flowStart: 'Start, measured: seconds from the capture’s first packet to the flow’s first packet.',
  flowDuration: 'Duration, measured: seconds from the flow’s first packet to its last in the capture.',
  flowSparkline: 'Rate over time, measured: the flow’s bytes per time bin across the whole capture, drawn as bars from ▁ (none) to █ (its peak).',
  tunnel: 'Tunnel: a flow carried inside VXLAN or Geneve is nested under its outer UDP flow; the NIC hashes it by that outer flow, so together they are one data flow.',
  queueMatrix: 'Queue of each flow: the queue the preset’s hash sends each data flow to when the NIC has n queues (exact presets only).',
  perQueueLoad: 'Per-queue load: how many data flows land on each queue at the chosen queue count, each flow a segment in its own colour.',
} as const;

export type FigureKey = keyof typeof FIGURE_HELP;
