import type { FlowReport } from '../core/capture';

/** What the extension host sends the capture worker (as workerData). */
export interface WorkerRequest { paths: string[]; binMs: number }

/** What the capture worker posts back. */
export type WorkerResponse =
  | { type: 'progress'; bytesDone: number; bytesTotal: number }
  | { type: 'done'; report: FlowReport }
  | { type: 'failed'; message: string; aborted: boolean };
