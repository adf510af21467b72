// A recorded run: what was recorded, the log's summary, each flow's measured queue, the model check, the per-queue
// counters and their rate over time. Every heading and column says measured (trace, counters, log) or modelled.
import type { RunView } from '../shared/protocol';
import { axes, chartKey, helpLine, themedChart } from './charts';
import { sideSection } from './countersSection';
import { chartData } from './dataTable';
import { el } from './dom';
import { seriesStyle } from './theme';

const count = (v: number): string => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');

function facts(cls: string, rows: Array<{ label: string; value: string }>): HTMLElement {
  return el('dl', { class: `summary ${cls}` }, ...rows.flatMap((r) => [el('dt', {}, r.label), el('dd', {}, r.value)]));
}

function flowsSection(v: RunView): HTMLElement {
  const by = v.observedBy === 'trace' ? 'the trace (exact, per flow)' : v.observedBy === 'capture' ? 'the capture (each packet\u2019s queue, exact per flow)' : 'the per-queue counters';
  const head = el('h2', {}, `Each flow’s queue, measured by ${by}`);
  const o = v.observed;
  if (!o) return el('section', { id: 'run-flows' }, head, el('p', { class: 'warning' }, v.observedError ?? 'The run’s flows could not be matched to its counters.'));
  return el('section', { id: 'run-flows', 'data-by': v.observedBy },
    head,
    el('p', { class: 'muted' }, `${o.countersLabel}. Measured: ${o.busyQueues} of ${o.queues} queues busy. ` +
      (v.observedBy === 'trace' ? 'Each flow’s queue is what the kernel chose, as traced.'
        : v.observedBy === 'capture' ? 'Each flow’s queue is the one its packets were captured on.'
        : 'A flow’s queue is given where every assignment of flows to queues that fits the counters agrees; else its candidates.')),
    ...o.warnings.map((w) => el('p', { class: 'warning' }, w)),
    el('table', { class: 'numbers run-flows' },
      el('caption', {}, `Queue per flow, measured (${v.observedBy})`),
      el('thead', {}, el('tr', {}, ...['local port', v.observedBy === 'trace' ? 'wire bytes (measured, trace)' : 'bytes (measured)', `queue (measured, ${v.observedBy})`].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...o.streams.map((s) => el('tr', {},
        el('td', { class: 'num' }, String(s.localPort)),
        el('td', { class: 'num' }, count(s.bytes)),
        el('td', {}, s.measured))))));
}

function modelCheckSection(v: RunView): HTMLElement {
  const head = el('h2', {}, 'Model check: the model’s queue (modelled) against the measured one');
  const m = v.modelCheck;
  if (!m) return el('section', { id: 'run-model-check' }, head, el('p', { class: 'muted' }, v.modelCheckAbsent ?? 'No model check.'));
  return el('section', { id: 'run-model-check' }, head, el('p', {}, m.text),
    el('table', { class: 'numbers model-check' },
      el('caption', {}, 'Per flow: measured queue and the model’s'),
      el('thead', {}, el('tr', {}, ...['flow', 'queue (measured)', 'queue (modelled)', 'agrees'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...m.rows.map((r) => el('tr', { class: r.agrees ? '' : 'disagrees' },
        el('td', {}, r.flow), el('td', {}, r.measured), el('td', { class: 'muted' }, r.model), el('td', {}, r.agrees ? 'yes' : 'no'))))));
}

function seriesSection(v: RunView): HTMLElement {
  const head = el('h2', {}, 'Per-queue rate over time, measured by the counters (Mbit/s)');
  const s = v.series;
  if (!s) return el('section', { id: 'run-series' }, head, el('p', { class: 'muted' }, 'Not recorded: the run was recorded without --interval, so the counters were read only before and after.'));
  const labels = s.t.map((t) => t.toFixed(2));
  const canvas = el('canvas', { id: 'run-series-chart', role: 'img', 'aria-label': 'Each tx queue’s measured rate between counter snapshots; the table below has the same numbers' });
  const key = chartKey('queues');
  themedChart(canvas, (c) => ({
    type: 'line',
    data: {
      labels,
      datasets: s.queues.map((q, i) => {
        const st = seriesStyle(c, i);
        return { label: `${q.label} (measured)`, data: q.mbps, borderColor: st.colour, backgroundColor: st.colour, borderDash: st.dash, pointStyle: st.point, pointRadius: 3, borderWidth: 2, spanGaps: false };
      }),
    },
    options: { ...axes(c, 'seconds since the start', 'Mbit/s (measured)'), plugins: { legend: { display: false }, tooltip: { enabled: true } } },
  }), key);
  return el('section', { id: 'run-series' }, head,
    el('p', { class: 'muted' }, `${s.source}: each point is a queue’s bytes between two snapshots over the time between them.`),
    el('div', { class: 'chart' }, canvas), key, helpLine('measured'),
    chartData('per-queue rate, Mbit/s (measured)', 'seconds', labels, s.queues.map((q) => ({ name: q.label, values: q.mbps }))));
}

/** The run view. */
export function runSection(v: RunView): HTMLElement[] {
  return [
    el('h1', {}, `Recorded run: ${v.title}`),
    el('p', { class: 'run-command' }, `${v.recording[0].label}: ${v.recording[0].value}`),
    el('p', { class: 'muted' }, 'Every figure says where it comes from: measured (the trace, the per-queue counters, the iperf log) or modelled (a hash model’s answer).'),
    ...v.warnings.map((w) => el('p', { class: 'warning' }, w)),
    el('section', { id: 'run-log' }, el('h2', {}, 'The log’s summary, measured by iperf'),
      v.log.length ? facts('run-log-facts', v.log) : el('p', { class: 'muted' }, 'No iperf log in the run.')),
    flowsSection(v),
    modelCheckSection(v),
    el('section', { id: 'run-queues' }, el('h2', {}, 'Per-queue counters, measured'),
      ...(v.counters ? [el('p', { class: 'muted counters-source' }, `${v.counters.source}${v.counters.device ? ` of ${v.counters.device}` : ''}: ${v.counters.before ? `${v.counters.after} − ${v.counters.before}` : v.counters.after}`),
        ...v.counters.sides.map((s) => sideSection(v.counters!, s))] : [el('p', { class: 'muted' }, 'No per-queue counters in the run.')])),
    seriesSection(v),
    el('section', { id: 'run-recording' }, el('h2', {}, 'What was recorded'), facts('run-facts', v.recording),
      el('p', { class: 'run-trace' }, v.trace),
      ...(v.notRecorded.length ? [el('ul', { class: 'not-recorded', 'aria-label': 'not recorded' }, ...v.notRecorded.map((n) => el('li', {}, `not recorded: ${n}`)))] : [])),
  ];
}
