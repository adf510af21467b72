// The run view's flows table for a run whose capture(s) say each packet's queue (pcapng epb_queue, one capture per queue).
import * as path from 'node:path';
import type { ObservedCaptureQueuesJson } from '../../core/analysis/observed/fromCaptureQueues';
import type { ObservedView } from '../../shared/protocol';

export function captureQueueObservedView(c: ObservedCaptureQueuesJson, relative: (text: string) => string): ObservedView {
  return {
    countersLabel: `${c.how === 'epb_queue' ? 'pcapng epb_queue of' : 'one capture per queue:'} ${c.captures.map((f) => path.basename(f)).join(', ')}, ${c.direction} queue`,
    queues: c.queues, busyQueues: c.busyQueues, queueBytes: c.queueFrameBytes,
    streams: c.streams.map((s) => ({
      localPort: s.localPort, queue: s.queue, candidates: s.queue === null ? [] : [s.queue], bytes: s.wireBytes,
      measured: s.moved ? `${s.queues.map((q) => `q${q.queue} (${q.frameBytes} B captured)`).join(', ')} (measured: moved)`
        : s.queue === null ? 'no queue in the capture (measured)' : `q${s.queue} (measured)`,
      model: '',
    })),
    warnings: c.warnings.map(relative),
  };
}
