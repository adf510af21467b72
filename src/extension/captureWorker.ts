// Worker-thread entry: parses captures off the extension host's thread so the editor never blocks.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseCaptures } from '../core/capture';
import type { WorkerRequest, WorkerResponse } from './workerMessages';

const port = parentPort;
if (port) {
  const request = workerData as WorkerRequest;
  const abort = new AbortController();
  port.on('message', (m: unknown) => {
    if (m === 'cancel') abort.abort();
  });
  const post = (r: WorkerResponse): void => port.postMessage(r);
  let lastProgress = 0;
  analyseCaptures(request.paths, {
    binMs: request.binMs,
    signal: abort.signal,
    onProgress: (bytesDone, bytesTotal) => {
      // At most ~20 progress messages a second; the UI needs no more.
      const now = Date.now();
      if (now - lastProgress < 50) return;
      lastProgress = now;
      post({ type: 'progress', bytesDone, bytesTotal });
    },
  }).then(
    (report) => post({ type: 'done', report }),
    (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e), aborted: abort.signal.aborted }),
  );
}
