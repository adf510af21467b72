import * as path from 'node:path';
import type { ConfigJson } from '../../core/config/report';
import type { QueueConfigView } from '../../shared/protocol';
import { countOf } from '../../core/text';


/** "8 queues offered, 1 used", or what the files say of the two. */
function configHeadline(c: ConfigJson): string {
  if (c.offered !== null && c.effective !== null) return `${countOf(c.offered, 'queue')} offered, ${c.effective} used`;
  if (c.effective !== null) return `${countOf(c.effective, 'queue')} used (the files do not say how many were offered)`;
  if (c.offered !== null) return `${countOf(c.offered, 'queue')} offered (the files do not say how many were used)`;
  return 'the files do not say how many queues there were';
}

/**
 * The queue-configuration view: the worker's `queue-lens config --json` with a headline and the diagram's CPU count;
 * `relative` writes the workspace's absolute paths in its text as the Explorer names them.
 */
export function queueConfigView(c: ConfigJson, inputs: readonly string[], relative: (p: string) => string = (p) => p): QueueConfigView {
  const named = Math.max(-1, ...c.queues.flatMap((q) => [...q.cpus, ...(q.xpsCpus ?? []), ...(q.rpsCpus ?? []), ...q.threads.map((t) => t.cpu)]));
  const columns = Math.max(0, ...c.queues.flatMap((q) => q.irqs.map((i) => i.perCpu.length)));
  const vcpus = c.platform === 'xen' && c.queues.some((q) => q.threads.length) ? c.vcpus.dom0 : c.vcpus.guest;
  return {
    ...c,
    sentence: relative(c.sentence),
    reasons: c.reasons.map(relative),
    warnings: c.warnings.map(relative),
    disagreement: c.disagreement === null ? null : relative(c.disagreement),
    skipped: c.skipped.map(relative),
    title: inputs.map((p) => relative(p) || path.basename(p)).join(', '),
    headline: configHeadline(c),
    cpus: Math.min(256, Math.max(vcpus ?? 0, columns, named + 1)),
  };
}
