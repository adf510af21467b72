// `queue-lens observed RUN` on a folder written by `queue-lens record` with a trace: the exact spread from the trace.
import { readRunManifestIn } from '../core/analysis/observed/fromTrace';
import type { CheckPreset } from '../core/analysis/observed/modelCheck';
import type { PresetName } from '../core/hashing';
import { CliIo } from './io';
import type { RunInputs } from '../core/runs/readRun';
import { observeTraceWithConfig, ObservedTraceCliJson } from '../core/analysis/queueCpu/tracedObserved';
import { formatPercent } from '../core/text';

const CHECKABLE: readonly string[] = ['linux-tx', 'linux-netfront', 'nic-rss-toeplitz'];

function render(r: ObservedTraceCliJson): string {
  const what = r.queueMeaning === 'sender-tx' ? 'queue (the sender\'s tx queue: veth records no rx queue)' : `${r.direction} queue`;
  const c = r.modelCheck;
  const lines = [
    `trace: ${r.trace} (measured: the queue the kernel chose for every packet)`,
    `streams: ${r.log ?? 'from the trace (no iperf log read)'}`,
    '',
    `measured: ${r.busyQueues} of ${r.queues} ${r.direction} queues busy; wire bytes per queue [${r.queueBytes.join(' ')}]`,
    `streams per queue: [${r.streamsPerQueue.join(' ')}]`,
    `CPUs per queue: ${r.queueCpus.map((cs, q) => `q${q}:{${cs.join(',')}}`).join(' ')}`,
    ...(r.coverage ? [`trace coverage: ${r.coverage.tracedSkbs} of ${r.coverage.deviceSkbs} skbs the device counted (${formatPercent(r.coverage.share, 2)})`] : []),
    ...(r.counters
      ? [`counters (${r.counters.source}, measured): [${r.counters.queueBytes.map((b) => (b === null ? '?' : String(b))).join(' ')}]` +
        (r.counters.maxRelativeDifference === null ? '' : `, largest difference from the trace ${(100 * r.counters.maxRelativeDifference).toFixed(3)} %`)]
      : []),
    '',
    `local port  ${what}  wire bytes  hash        CPUs`,
    ...r.streams.map((s) => `${String(s.localPort).padStart(10)}  ${(s.queue === null ? '?' : String(s.queue)).padStart(5)}${s.moved ? ` (moved: ${s.queues.map((q) => `q${q.queue} ${q.wireBytes} B`).join(', ')})` : ''}  ${String(s.wireBytes).padStart(10)}  ${s.hash}  ${[...new Set(s.queues.flatMap((q) => q.cpus))].join(',')}`),
    '',
    c.preset
      ? `model check (${c.preset}, modelled: ${c.decidedBy}): ${c.agree} of ${c.checked} flow/queue/CPU rows agree` +
        (c.disagree.length ? `; disagree:\n${c.disagree.map((d) => `  ${d.flow}: ${d.reason}`).join('\n')}` : '')
      : `model check: not done (${c.notChecked})`,
    ...(c.preset && c.notChecked ? [`  (${c.notChecked})`] : []),
    ...(r.queueConfig ? ['', `queue configuration (config/): ${r.queueConfig.config.sentence}`, ...(r.queueConfig.queueCpu ? [`queue → CPU: ${r.queueConfig.queueCpu.sentence}`] : [])] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The trace's answer for a recorded run folder; undefined when the folder has no manifest or no trace (the
 * counters' route then answers). Returns the exit code otherwise.
 */
export function observedFromTrace(dir: string, preset: PresetName | undefined, json: boolean, io: CliIo, run?: RunInputs): number | undefined {
  // the run as the run reader read it, when the caller has it: nothing is read twice
  const manifest = run ? run.manifest : readRunManifestIn(dir);
  if (!manifest) return undefined;
  if (!manifest.trace.recorded) {
    io.err(`queue-lens observed: ${dir} was recorded without a trace (${manifest.trace.reason}); reading its counters instead\n`);
    return undefined;
  }
  const force = preset !== undefined && CHECKABLE.includes(preset) ? (preset as CheckPreset) : undefined;
  const r = observeTraceWithConfig(dir, manifest, { preset: force, ...(run ? { run } : {}) });
  if (preset !== undefined && !force) r.warnings.push(`preset ${preset} has no per-flow check against a trace (checked: ${CHECKABLE.join(', ')}); ${r.modelCheck.preset ?? 'none'} was checked`);
  io.out(json ? `${JSON.stringify(r)}\n` : render(r));
  for (const w of r.warnings) io.err(`warning: ${w}\n`);
  return 0;
}
