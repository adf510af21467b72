// `queue-lens observed RUN --json` on a recorded run with a trace, as the CLI prints it and the run view shows it
// (one computation): the trace's exact spread, with the run's saved queue configuration and its busy queues mapped
// to the CPUs the trace saw them on.
import { observeTrace, ObserveTraceOptions, ObservedTraceJson } from '../observed/fromTrace';
import type { RunManifest } from '../../runs/manifest';
import { RunQueueCpu, runQueueCpu } from './runConfig';
import { errorMessage } from '../../text';

export type ObservedTraceCliJson = ObservedTraceJson & { queueConfig?: RunQueueCpu };

export function observeTraceWithConfig(dir: string, manifest: RunManifest, opts: ObserveTraceOptions = {}): ObservedTraceCliJson {
  const r: ObservedTraceCliJson = observeTrace(dir, manifest, opts);
  try {
    const qc = runQueueCpu(dir, r.queues, r.queueBytes, r.tracedCpus);
    if (qc) {
      r.queueConfig = qc;
      if (qc.disagreement) r.warnings.push(qc.disagreement);
    }
  } catch (e) {
    r.warnings.push(`queue configuration not read: ${errorMessage(e)}`);
  }
  return r;
}
