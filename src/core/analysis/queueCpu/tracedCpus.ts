// The CPU that handled each queue's packets, from a recorded run's trace (queue-lens record's tracer): measured, as
// the kernel ran it, per (flow, queue, CPU) row. The queue → CPU analysis uses it before any mask or affinity.
import * as path from 'node:path';
import { readInputText } from '../../runs/inputFiles';
import type { RunManifest } from '../../runs/manifest';
import { parseTrace, rowQueue, TraceDirection, TraceFile } from '../../trace';
import { readRunConfig } from '../observed/runConfig';
import type { TracedQueueCpus } from '../../config/report';

export type { TracedQueueCpus } from '../../config/report';

/** Per-queue CPUs of one direction of a parsed trace (rows whose queue is not recorded are left out). */
export function tracedQueueCpus(trace: TraceFile, driver: string | undefined, direction?: TraceDirection): TracedQueueCpus {
  const streams = trace.rows.filter((r) => r.proto === 6 || r.proto === 17);
  const sum = (d: TraceDirection): number => streams.filter((r) => r.direction === d).reduce((a, r) => a + r.wireBytes, 0);
  const dir = direction ?? (sum('tx') >= sum('rx') ? 'tx' : 'rx');
  const byQueue = new Map<number, Map<number, number>>();
  for (const r of trace.rows) {
    if (r.direction !== dir) continue;
    const q = rowQueue(r, driver).queue;
    if (q === null) continue;
    const cpus = byQueue.get(q) ?? new Map<number, number>();
    cpus.set(r.cpu, (cpus.get(r.cpu) ?? 0) + r.wireBytes);
    byQueue.set(q, cpus);
  }
  const queues = [...byQueue].sort((a, b) => a[0] - b[0]).map(([queue, cpus]) => {
    const order = [...cpus].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { queue, cpus: order.map(([c]) => c), wireBytes: order.map(([, b]) => b) };
  });
  return { source: 'trace', file: trace.file, direction: dir, queues };
}

/** A recorded run's traced per-queue CPUs; undefined when it recorded no trace. Throws on a malformed trace. */
export function readTracedQueueCpus(dir: string, manifest: RunManifest): TracedQueueCpus | undefined {
  if (!manifest.trace.recorded) return undefined;
  const file = path.join(dir, manifest.trace.file);
  const trace = parseTrace(readInputText(file, 'trace'), file);
  return tracedQueueCpus(trace, readRunConfig(dir, manifest).driver);
}
