/**
 * The one typed message protocol between the extension host and the capture webview.
 * Imported by both sides; the host validates every incoming message with `parseWebviewMessage`.
 * Types here are plain data (no Node or DOM types) so both tsconfigs accept this file.
 */

export interface EndpointView { ip: string; port: number }
export interface DirectionView { packets: number; bytes: number }

export interface FlowView {
  proto: 'tcp' | 'udp';
  a: EndpointView;
  b: EndpointView;
  aToB: DirectionView;
  bToA: DirectionView;
  /** Seconds from the capture's first packet. */
  start: number;
  duration: number;
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
}

export type HostToWebview =
  | { type: 'progress'; bytesDone: number; bytesTotal: number }
  | { type: 'capture'; capture: CaptureView }
  | { type: 'error'; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'cancel' }
  | { type: 'rendered'; points: number };

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
    default:
      return undefined;
  }
}
