import * as path from 'node:path';
import { formatBytes, formatMbit, plural } from '../../core/text';
import type { RunReport } from '../../core/runs/runReport';
import type { RunView } from '../../shared/protocol';
import { shellQuote } from '../commands/shellQuote';
import type { ObservedTraceJson } from '../../core/analysis/observed/fromTrace';
import { captureQueueObservedView } from './captureQueueView';
import type { ObservedView } from '../../shared/protocol';
import { countersView, observedView } from './countersView';


/** The run view: core's RunReport in the words and numbers the page draws (the one place they are chosen). */
export function runView(r: RunReport, relative: (text: string) => string = (t) => t): RunView {
  const m = r.recorded;
  const recording: RunView['recording'] = m ? [
    { label: 'command (as run)', value: shellQuote(m.command) },
    { label: 'device', value: `${m.device}${m.netns ? ` (network namespace ${m.netns})` : ''}` },
    { label: 'start → end', value: `${m.start} → ${m.end} (${((Date.parse(m.end) - Date.parse(m.start)) / 1000).toFixed(2)} s)` },
    { label: 'exit code', value: m.exitCode === null ? `none: killed by ${m.signal ?? 'a signal'}` : String(m.exitCode) },
    { label: 'tools', value: Object.entries(m.tools).map(([k, v]) => (v.toLowerCase().includes(k.toLowerCase()) ? v : `${k} ${v}`)).join('; ') },
  ] : [{ label: 'folder', value: 'not recorded by queue-lens record (no run.json): read by its files' }];
  const trace = !m ? 'no trace: the folder has no run.json'
    : m.trace.recorded ? `trace recorded: ${m.trace.file} (program ${m.trace.program}${m.trace.droppedLines ? `, ${m.trace.droppedLines} lines dropped` : ''})`
      : `no trace: ${m.trace.reason}`;
  const l = r.log;
  const log: RunView['log'] = l ? [
    { label: 'log', value: `${l.file}: the ${l.side === 'unknown' ? 'log (whose end cannot be told)' : `${l.side}'s log`}, ${l.tool} ${l.format}${l.version ? ` (${l.version})` : ''}` },
    ...(l.peer ? [{ label: 'other end', value: `${l.peer}: the other end's log of this run (its receiver totals used)` }] : []),
    { label: 'streams', value: `${l.streams} ${l.protocol.toUpperCase()} ${plural(l.streams, 'stream')}, ${l.direction}` },
    {
      label: 'throughput (measured by iperf)',
      value: `${formatMbit(l.throughput.bitsPerSecond)} Mbit/s, ${formatBytes(l.throughput.bytes)} in ${l.throughput.seconds.toFixed(2)} s ` +
        `(${l.throughput.source === 'sum-receiver' ? 'the receiver\'s [SUM]' : l.throughput.source === 'sum' ? 'the [SUM] row' : 'the streams added up'})`,
    },
  ] : [];
  const o = r.observed;
  // a trace gives each flow's queue exactly; counters only where every consistent assignment agrees
  const t = o && 'source' in o && o.source === 'trace' ? o : undefined;
  const cq = o && 'source' in o && o.source === 'capture-queue' ? o : undefined;
  const observedBy = t ? 'trace' : cq ? 'capture' : 'counters';
  const observed = t ? traceObservedView(t, relative) : cq ? captureQueueObservedView(cq, relative) : o && !('source' in o) ? observedView(o, () => '–', relative) : null;
  const check = t ? modelCheckView(t) : undefined;
  const c = r.counters;
  const counters = c ? countersView({
    counters: { source: c.source, device: c.device, unit: c.unit, delta: c.before !== null, tx: c.tx.map(strip), rx: c.rx.map(strip), warnings: [] },
    naming: c.naming, after: c.after, before: c.before,
  }) : null;
  const s = r.series;
  return {
    title: path.basename(r.dir),
    recording, trace, notRecorded: m ? m.notRecorded.map((n) => `${n.what}: ${n.reason}`) : [],
    log,
    observed, ...(r.observedError !== undefined ? { observedError: relative(r.observedError) } : {}), observedBy,
    modelCheck: check && 'rows' in check ? check : null,
    modelCheckAbsent: check && 'absent' in check ? check.absent
      : m && !m.trace.recorded ? 'No model check: it compares each flow\'s traced hash and queue with the model, and this run has no trace.'
        : 'No model check: the run has no trace.',
    counters,
    series: s ? { source: s.source, t: s.t, queues: s.bitsPerSecond.map((v, q) => ({ label: `q${q}`, mbps: v.map((x) => (x === null ? null : x / 1e6)) })) } : null,
    warnings: r.warnings.map(relative),
  };
}

const strip = (q: { queue: number; packets: number | null; bytes: number | null; interrupts?: number }): { queue: number; packets: number | null; bytes: number | null; interrupts?: number } =>
  q.interrupts === undefined ? { queue: q.queue, packets: q.packets, bytes: q.bytes } : { queue: q.queue, packets: q.packets, bytes: q.bytes, interrupts: q.interrupts };

/** The trace's answer as the flows table draws it: each flow's queue as the kernel chose it (every queue when it moved). */
function traceObservedView(t: ObservedTraceJson, relative: (text: string) => string): ObservedView {
  const meaning = t.queueMeaning === 'sender-tx' ? 'the sender\'s tx queue (veth records no rx queue)' : `${t.direction} queue`;
  return {
    countersLabel: `trace of ${t.device}, ${meaning}: ${path.basename(t.trace)}`,
    queues: t.queues, busyQueues: t.busyQueues, queueBytes: t.queueBytes,
    streams: t.streams.map((s) => ({
      localPort: s.localPort, queue: s.queue, candidates: s.queue === null ? [] : [s.queue], bytes: s.wireBytes,
      measured: s.moved ? `${s.queues.map((q) => `q${q.queue} (${q.wireBytes} B)`).join(', ')} (measured: moved)`
        : s.queue === null ? 'no queue recorded (measured)' : `q${s.queue} (measured)`,
      model: '',
    })),
    warnings: t.warnings.map(relative),
  };
}

/** The per-flow model check: the model's queue for each traced flow (modelled) against the kernel's (measured). */
function modelCheckView(t: ObservedTraceJson): NonNullable<RunView['modelCheck']> | { absent: string } {
  const c = t.modelCheck;
  if (!c.preset) return { absent: `No model check: ${c.notChecked ?? 'no preset applies to this run'}.` };
  const text = `${c.preset} (modelled; decided by ${c.decidedBy}): ${c.agree} of ${c.checked} traced flow/queue/CPU rows agree with the kernel's choice` +
    `${c.disagree.length ? `; ${c.disagree.length} disagree` : ''}.${c.notChecked ? ` ${c.notChecked}.` : ''}`;
  const rows = t.streams.map((s) => {
    const bad = c.disagree.filter((d) => d.localPort === s.localPort);
    const flow = s.flow ? `${s.flow.src.ip}:${s.flow.src.port} → ${s.flow.dst.ip}:${s.flow.dst.port}` : `local port ${s.localPort}`;
    const measured = s.queue === null ? '–' : `q${s.queue} (measured, trace)`;
    return bad.length
      ? { flow, measured, model: `${[...new Set(bad.map((d) => `q${d.expected}`))].join(', ')} (modelled)`, agrees: false }
      : { flow, measured, model: `${s.queue === null ? '–' : `q${s.queue}`} (modelled)`, agrees: true };
  });
  return { text, rows };
}
