import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FlowReport } from '../core/capture';
import type { WorkerRequest, WorkerResponse } from './workerMessages';

export interface AnalysisHandle {
  result: Promise<FlowReport>;
  cancel(): void;
}

/**
 * Reads captures in a worker thread (dist/captureWorker.js). Progress arrives through the callback;
 * cancel() asks the worker to abort and terminates it if it has not stopped within 200 ms.
 */
export function analyseInWorker(
  extensionPath: string,
  request: WorkerRequest,
  onProgress: (bytesDone: number, bytesTotal: number) => void,
): AnalysisHandle {
  const worker = new Worker(path.join(extensionPath, 'dist', 'captureWorker.js'), { workerData: request });
  let settled = false;
  const result = new Promise<FlowReport>((resolve, reject) => {
    worker.on('message', (r: WorkerResponse) => {
      if (r.type === 'progress') onProgress(r.bytesDone, r.bytesTotal);
      else {
        settled = true;
        void worker.terminate();
        if (r.type === 'done') resolve(r.report);
        else reject(new Error(r.aborted ? 'Cancelled' : r.message));
      }
    });
    worker.on('error', (e) => { settled = true; reject(e); });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`capture worker stopped unexpectedly (exit code ${code})`));
    });
  });
  return {
    result,
    cancel() {
      if (settled) return;
      worker.postMessage('cancel');
      setTimeout(() => { if (!settled) void worker.terminate(); }, 200).unref();
    },
  };
}
