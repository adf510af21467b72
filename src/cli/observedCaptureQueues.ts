// `queue-lens observed RUN` when the run's capture(s) say each packet's queue (pcapng epb_queue, or one capture per
// queue): every stream's queue as measured, no counter matching.
import { observeCaptureQueues, ObservedCaptureQueuesJson } from '../core/analysis/observed/fromCaptureQueues';
import type { RunInputs } from '../core/runs/readRun';
import { CliIo } from './io';

function render(r: ObservedCaptureQueuesJson): string {
  const lines = [
    `${r.how === 'epb_queue' ? 'capture with epb_queue' : 'one capture per queue'}: ${r.captures.join(', ')} (measured: the queue of every packet)`,
    `streams: ${r.log ?? 'from the capture (no iperf log read)'}`,
    '',
    `measured: ${r.busyQueues} of ${r.queues} ${r.direction} queues busy; captured frame bytes per queue [${r.queueFrameBytes.join(' ')}]`,
    `streams per queue: [${r.streamsPerQueue.join(' ')}]`,
    '',
    `local port  queue  wire bytes  hash`,
    ...r.streams.map((s) => `${String(s.localPort).padStart(10)}  ${(s.queue === null ? '?' : String(s.queue)).padStart(5)}${s.moved ? ` (moved: ${s.queues.map((q) => `q${q.queue} ${q.frameBytes} B`).join(', ')})` : ''}  ${String(s.wireBytes).padStart(10)}  ${s.hash ? `${s.hash.algorithmName} ${s.hash.hex}` : '-'}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The capture's exact answer, or undefined when no capture of the run carries queues (the counters then answer). */
export async function observedFromCaptureQueues(run: RunInputs, json: boolean, io: CliIo): Promise<number | undefined> {
  const r = await observeCaptureQueues(run);
  if (!r) return undefined;
  io.out(json ? `${JSON.stringify(r)}\n` : render(r));
  for (const w of r.warnings) io.err(`warning: ${w}\n`);
  return 0;
}
