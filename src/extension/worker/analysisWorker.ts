// Worker process entry (dist/analysisWorker.js, started by AnalysisService with child_process.fork): runs one
// analysis job outside the extension host, so reading, modelling and planning never freeze the editor, and a fatal
// V8 error ends this process only. See messages.ts for the protocol.
import { errorMessage } from '../../core/text';
import { runJob } from './jobs';
import type { HostToWorker, WorkerToHost } from './messages';

if (process.send) {
  const abort = new AbortController();
  const post = (m: WorkerToHost): void => {
    if (process.connected) process.send!(m);
  };
  // the host went away (closed, crashed, killed): no worker outlives it
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: HostToWorker) => {
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
