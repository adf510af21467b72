/**
 * The one typed message protocol between the extension host and the capture webview.
 * Imported by both sides; the host validates every incoming message with `parseWebviewMessage`.
 * Types here are plain data (no Node or DOM types) so both tsconfigs accept this file. Views are core types
 * (`import type` only, from core files that need no Node types) with what the view adds;
 * src/extension/views/ is the one place that builds them from the documents' models.
 */

import type { QueueSpread } from '../core/analysis/spread/queueSpread';
import type { SweepReport } from '../core/analysis/sweep/sweep';
import type { CompareReport } from '../core/analysis/compare/compareModel';
import type { ConfigJson } from '../core/config/report';
import type { FlowJson } from '../core/flows/report';
import type { InterfaceInfo } from '../core/capture/interfaceInfo';

/** One flow of the capture: core's FlowJson (src/core/flows/report.ts, Node-free) plus its sparkline and its place in the tunnel tree. */
export interface FlowView extends FlowJson {
  /** The flow's rate over the capture as a row of block characters (▁…█), for the table. */
  spark: string;
  /** Index in `flows` of the flow this one is nested under (an inner flow under its carrier), -1 at top level. */
  parent: number;
  /** This outer UDP flow only carries tunnelled flows: not a data flow of its own. */
  isCarrier: boolean;
}

/** The queue view: core's QueueSpread as is (rows, assignments, odds), with the flows as labels and what to say about them. */
export type SpreadView = Omit<QueueSpread, 'flows'> & {
  title: string;
  presetTitle: string;
  /** Labels of the flows, same order as each row's assignments, e.g. "tcp 10.0.0.1:40000 → 10.0.0.2:5001". */
  flows: string[];
  /** Per flow, the carrier a tunnelled flow is hashed by ("via VXLAN 42 192.0.2.1:51234 → 192.0.2.2:4789"), else ''. */
  via?: string[];
  /** What was left out, said plainly (e.g. flows under 1 % of the bytes). */
  note?: string;
  /** Settings problems to show (unknown preset, unreadable table file…). */
  problems: string[];
};
export type SpreadRowView = SpreadView['rows'][number];

/** Compare Queue Counts: core's SweepReport as is, with the folder's name; warnings include the loader's and the settings'. */
export type SweepView = SweepReport & { title: string };
/** Compare Two Run Sets: the core comparison with the two folders as the user knows them (workspace-relative). */
export type CompareView = CompareReport & { title: string; dirs: { a: string; b: string } };

/** An iperf log matched to the open capture by 4-tuple. */
export interface CorrelationView {
  logFile: string;
  matched: { stream: string; flow: string; iperfBytes: number; captureBytes: number; iperfBps: number; captureBps: number; byteRatio: number }[];
  unmatchedStreams: string[];
  unmatchedFlows: string[];
}

/** Per-flow throughput over time for the largest flows. */
export interface FlowSeriesView {
  label: string;
  /** Bytes per bin, both directions added. */
  bytes: number[];
}

export interface CaptureView {
  /** Base name only: the webview never needs the full path. */
  fileName: string;
  format: string;
  linkTypes: number[];
  packets: number;
  bytes: number;
  /** Epoch seconds of the first packet. */
  start: number;
  duration: number;
  binMs: number;
  /** Whole-capture packets and bytes per bin. */
  timeline: { packets: number[]; bytes: number[] };
  flows: FlowView[];
  warnings: string[];
  comments: string[];
  interfaces: Pick<InterfaceInfo, 'name' | 'linkType' | 'drops'>[];
  linkTypeNames: string[];
  series: FlowSeriesView[];
  spread?: SpreadView;
}

/** One side (tx or rx) of a per-queue counter file: every value is measured by the kernel or the NIC. */
export interface CounterSideView {
  direction: 'tx' | 'rx';
  /** What `value` counts: bytes where every queue has them, else packets, else interrupts (/proc/interrupts). */
  unit: 'bytes' | 'packets' | 'interrupts';
  queues: { queue: number; value: number; packets: number | null; bytes: number | null; share: number }[];
  /** The device's total over these queues, and core's imbalance figures (src/core/counters/imbalance.ts). */
  total: number;
  busy: number;
  maxOverMean: number | null;
  jain: number | null;
}

/** A per-queue counter file (or after − before) as the counters view draws it. */
export interface CountersView {
  /** Base names of the files read. */
  after: string;
  before: string | null;
  source: string;
  device: string | null;
  /** The per-queue naming that was recognised, e.g. "tx_queue_N_bytes (virtio_net, ice)". */
  naming: string | null;
  unit: 'traffic' | 'interrupts';
  delta: boolean;
  sides: CounterSideView[];
  warnings: string[];
}

/** The measured queue of each flow of a capture or log (`queue-lens observed`), beside the model. */
export interface ObservedView {
  /** Where the counters came from, e.g. "tc-qdisc of vA: qdisc-after.txt − qdisc-before.txt". */
  countersLabel: string;
  queues: number;
  busyQueues: number;
  queueBytes: number[];
  streams: { localPort: number; queue: number | null; candidates: number[]; bytes: number; measured: string; model: string; /** test and 4-tuple */ key?: string }[];
  /**
   * The capture's exact preset checked against the counters (`queue-lens observed --preset`): `text` is the CLI's
   * sentence ("Preset P does not fit this run: …"). Absent for a model preset, which predicts no queue per flow.
   */
  presetFit?: { preset: string; fits: boolean; text: string };
  warnings: string[];
}

/** Plan Source Ports: the planner's answer as the plan view draws it (every string final, hex keys included). */
export interface PlanView {
  title: string;
  /** e.g. "nic-rss-toeplitz (exact): NIC RSS: Toeplitz hash…". */
  preset: string;
  /** Which Toeplitz key the plan assumed, in words, and its bytes in hex (empty when the preset takes no key). */
  key: { source: string; hex: string };
  table: string;
  /** Where the addresses came from ("the largest flow of capture.pcapng", "typed in"). */
  addressesFrom: string;
  /** The run: client → server, streams, queues, port range. */
  run: string;
  /** The `queue-lens plan` line that gives the same answer. */
  cli: string;
  choices: Array<{ title: string; rows: Array<{ port: number; queue: number }>; loads: number[]; commands: string[] }>;
  notes: string[];
}

/** A run's queue configuration as the queue-configuration view draws it (`queue-lens config --json` + headings). */
export type QueueConfigView = ConfigJson & {
  /** The folder or files read, as the Explorer names them. */
  title: string;
  /** "8 queues offered, 1 used" (or what the files say of the two). */
  headline: string;
  /** CPU columns of the diagram (0..cpus−1): the vCPUs read, else the highest CPU any queue names + 1. */
  cpus: number;
};

/**
 * A recorded run (`queue-lens record`'s folder, or a hand-made one) as the run view draws it; built in
 * src/extension/views/runView.ts from core's RunReport. Every figure says measured (trace, counters, log) or modelled.
 */
export interface RunView {
  title: string;
  /** What was recorded: the command exactly as run (shell-quoted), device, times, exit code, tool versions. */
  recording: Array<{ label: string; value: string }>;
  /** "trace: recorded (…)" or "no trace: reason". */
  trace: string;
  notRecorded: string[];
  /** The log's summary, measured by iperf: whose log, tool, streams, throughput. */
  log: Array<{ label: string; value: string }>;
  /** Each flow's measured queue; null with observedError when the run cannot be matched. */
  observed: ObservedView | null;
  observedError?: string;
  /** Where the flows' queues were measured: "trace" (exact) or "counters" (every consistent assignment). */
  observedBy: string;
  /** The model check against the measured queues; null (with why) when there is none. */
  modelCheck: { text: string; rows: Array<{ flow: string; measured: string; model: string; agrees: boolean }> } | null;
  modelCheckAbsent?: string;
  /** The per-queue counters (measured), drawn as bars. */
  counters: CountersView | null;
  /** record --interval: each tx queue's rate over time, Mbit/s (measured by the counters). */
  series: { source: string; t: number[]; queues: Array<{ label: string; mbps: Array<number | null> }> } | null;
  warnings: string[];
}

export type HostToWebview =
  | { type: 'queueConfig'; config: QueueConfigView }
  /** The capture's run folder has a config/: its queue configuration as a section of the capture view. */
  | { type: 'captureQueueConfig'; config: QueueConfigView }
  | { type: 'run'; run: RunView }
  | { type: 'counters'; counters: CountersView }
  | { type: 'observed'; observed: ObservedView }
  | { type: 'progress'; bytesDone: number; bytesTotal: number }
  | { type: 'plan'; plan: PlanView }
  | { type: 'capture'; capture: CaptureView }
  | { type: 'spread'; spread: SpreadView }
  /** The open capture's spread failed: said in the queue view's place, the capture stays. */
  | { type: 'spreadError'; message: string }
  | { type: 'sweep'; sweep: SweepView }
  | { type: 'compare'; compare: CompareView }
  | { type: 'correlation'; correlation: CorrelationView }
  /** Asks for every chart as a PNG (for export); answered by an 'images' message with the same id. */
  | { type: 'exportImages'; requestId: number }
  /** `capture`: the capture editor's own file could not be read (the view then says what it expects and how to reopen it). */
  | { type: 'error'; message: string; capture?: boolean };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'cancel' }
  | { type: 'rendered'; points: number }
  | { type: 'images'; requestId: number; images: ChartImage[] }
  /** A copy button: the host puts the text on the clipboard. */
  | { type: 'copy'; text: string };

export interface ChartImage { title: string; dataUrl: string }

const MAX_IMAGES = 32;
const MAX_IMAGE_CHARS = 16 * 1024 * 1024;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

function parseImage(value: unknown): ChartImage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { title, dataUrl } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.length > 500) return undefined;
  if (typeof dataUrl !== 'string' || dataUrl.length > MAX_IMAGE_CHARS || !PNG_DATA_URL.test(dataUrl)) return undefined;
  return { title, dataUrl };
}

/** Validates a message from the webview; anything else (wrong shape, extra junk types) is rejected. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
    case 'cancel':
      return { type: msg.type };
    case 'rendered':
      return Number.isSafeInteger(msg.points) && (msg.points as number) >= 0
        ? { type: 'rendered', points: msg.points as number }
        : undefined;
    case 'copy':
      return typeof msg.text === 'string' && msg.text.length <= 64 * 1024 ? { type: 'copy', text: msg.text } : undefined;
    case 'images': {
      if (!Number.isSafeInteger(msg.requestId) || !Array.isArray(msg.images) || msg.images.length > MAX_IMAGES) return undefined;
      const images = msg.images.map(parseImage);
      return images.every((i): i is ChartImage => i !== undefined)
        ? { type: 'images', requestId: msg.requestId as number, images }
        : undefined;
    }
    default:
      return undefined;
  }
}
