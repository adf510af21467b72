import * as path from 'node:path';
import { formatBytes } from '../../core/export/format';
import type { RunReport } from '../../core/runs/runReport';
import type { RunView } from '../../shared/protocol';
import { shellQuote } from '../record/shellQuote';
import { countersView, observedView } from './countersView';

const mbit = (bps: number): string => `${(bps / 1e6).toFixed(1)} Mbit/s`;

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
    { label: 'streams', value: `${l.streams} ${l.protocol.toUpperCase()} stream${l.streams === 1 ? '' : 's'}, ${l.direction}` },
    {
      label: 'throughput (measured by iperf)',
      value: `${mbit(l.throughput.bitsPerSecond)}, ${formatBytes(l.throughput.bytes)} in ${l.throughput.seconds.toFixed(2)} s ` +
        `(${l.throughput.source === 'sum-receiver' ? 'the receiver\'s [SUM]' : l.throughput.source === 'sum' ? 'the [SUM] row' : 'the streams added up'})`,
    },
  ] : [];
  const o = r.observed;
  // a trace gives each flow's queue exactly; counters only where every consistent assignment agrees
  const traced = !!o && (o as { source?: string }).source === 'trace';
  const observedBy = traced ? 'trace' : 'counters';
  const observed = o ? observedView(o, () => '–', relative) : null;
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
    modelCheck: null,
    modelCheckAbsent: m && !m.trace.recorded
      ? 'No model check: it compares each flow\'s traced hash and queue with the model, and this run has no trace.'
      : 'No model check in this run\'s data.',
    counters,
    series: s ? { source: s.source, t: s.t, queues: s.bitsPerSecond.map((v, q) => ({ label: `q${q}`, mbps: v.map((x) => (x === null ? null : x / 1e6)) })) } : null,
    warnings: r.warnings.map(relative),
  };
}

const strip = (q: { queue: number; packets: number | null; bytes: number | null; interrupts?: number }): { queue: number; packets: number | null; bytes: number | null; interrupts?: number } =>
  q.interrupts === undefined ? { queue: q.queue, packets: q.packets, bytes: q.bytes } : { queue: q.queue, packets: q.packets, bytes: q.bytes, interrupts: q.interrupts };
