// Worker-thread entry (dist/analysisWorker.js): runs one analysis job off the extension host's thread, so
// reading, modelling and planning never freeze the editor. See messages.ts for the protocol.
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/export/format';
import { runJob } from './jobs';
import type { HostToWorker, WorkerToHost } from './messages';

const port = parentPort;
if (port) {
  const abort = new AbortController();
  const post = (m: WorkerToHost): void => port.postMessage(m);
  port.on('message', (m: HostToWorker) => {
    if (m.type === 'cancel') { abort.abort(); return; }
    const id = m.id;
    let lastProgress = 0;
    runJob(m.request, {
      signal: abort.signal,
      onProgress: (bytesDone, bytesTotal) => {
        // At most ~20 progress messages a second; the UI needs no more.
        const now = Date.now();
        if (now - lastProgress < 50) return;
        lastProgress = now;
        post({ type: 'progress', id, bytesDone, bytesTotal });
      },
    }).then(
      (result) => post({ type: 'done', id, result }),
      (e: unknown) => post({ type: 'failed', id, message: errorMessage(e), aborted: abort.signal.aborted }),
    );
  });
}
