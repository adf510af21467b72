import type { ChartDataset } from 'chart.js';
import type { CompareView } from '../shared/protocol';
import { axes, helpLine, legendLabelOptions, themedChart } from './charts';
import { FIGURE_HELP } from '../shared/figureHelp';
import { el } from './dom';
import { formatMbit } from '../core/text';

type Estimate = CompareView['throughput'];
const mbps = (bps: number | undefined): number | null => (bps === undefined ? null : bps / 1e6);
const ratio = (e: Estimate | undefined): string => (e ? `${e.value.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]` : '–');

/** Each run of a set as a dot at its queue count (measured). */
function runDots(v: CompareView, set: 'a' | 'b', colour: string, labels: string[]): ChartDataset<'line', (number | null)[]>[] {
  const runs = v[set].runs;
  const most = Math.max(0, ...labels.map((n) => runs.filter((r) => String(r.queues) === n).length));
  return Array.from({ length: most }, (_, i) => ({
    label: i === 0 ? `${v[set].label}: each run` : `${set} run ${i + 1}`,
    data: labels.map((n) => mbps(runs.filter((r) => String(r.queues) === n)[i]?.bps)),
    // no line is drawn (showLine false); the border colour is what the legend shows for the dots
    borderColor: `${colour}90`, backgroundColor: `${colour}90`, borderDash: [2, 3], showLine: false, pointRadius: 2.5,
  }));
}

/** Aggregate throughput per queue count: both sets' means and every run (measured). */
function throughputChart(v: CompareView): HTMLElement {
  const canvas = el('canvas', { id: 'compare-chart', role: 'img', 'aria-label': 'Throughput of both run sets per queue count; the table below has the same numbers' });
  const labels = v.points.map((p) => String(p.n));
  themedChart(canvas, (c) => ({
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: `${v.a.label} (A) mean`, data: v.points.map((p) => mbps(p.aMeanBps)), borderColor: c.palette[0], backgroundColor: c.palette[0], borderWidth: 2.5, pointRadius: 3 },
        { label: `${v.b.label} (B) mean`, data: v.points.map((p) => mbps(p.bMeanBps)), borderColor: c.palette[1], backgroundColor: c.palette[1], borderWidth: 2.5, pointRadius: 3, borderDash: [6, 3] },
        ...runDots(v, 'a', c.palette[0], labels),
        ...runDots(v, 'b', c.palette[1], labels),
      ],
    },
    options: {
      ...axes(c, 'queues (n)', 'aggregate throughput (Mbit/s, measured)'),
      plugins: { legend: { labels: { ...legendLabelOptions(c), filter: (item) => !/^[ab] run \d/.test(item.text) } } },
    },
  }));
  return el('div', {}, el('h2', {}, 'Throughput per queue count'), el('div', { class: 'chart tall' }, canvas), helpLine('measured'));
}

/** The conditioned comparison: throughput per busy queue, each set's mean per queue count. */
function perBusyChart(v: CompareView): HTMLElement {
  const canvas = el('canvas', { id: 'compare-per-busy-chart', role: 'img', 'aria-label': 'Throughput per busy queue of both sets per queue count; the table below has the same numbers' });
  const labels = v.points.map((p) => String(p.n));
  themedChart(canvas, (c) => ({
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: `${v.a.label} (A) per busy queue`, data: v.points.map((p) => mbps(p.aPerBusyBps)), borderColor: c.palette[0], backgroundColor: c.palette[0], borderWidth: 2.5, pointRadius: 3 },
        { label: `${v.b.label} (B) per busy queue`, data: v.points.map((p) => mbps(p.bPerBusyBps)), borderColor: c.palette[1], backgroundColor: c.palette[1], borderWidth: 2.5, pointRadius: 3, borderDash: [6, 3] },
      ],
    },
    options: axes(c, 'queues (n)', `throughput / ${v.method.conditionedOn} (Mbit/s)`),
  }));
  return el('div', {}, el('h2', {}, 'The same per busy queue: where the streams landed taken out'), el('div', { class: 'chart' }, canvas), helpLine('busyQueues'));
}

function pointsTable(v: CompareView): HTMLElement {
  const lvl = `${Math.round(v.method.level * 1000) / 10} %`;
  const head = ['n', 'runs A / B', 'mean A', 'mean B', `B/A [${lvl}]`, 'busy A / B', 'per busy A', 'per busy B', `per busy B/A [${lvl}]`];
  return el('table', { class: 'numbers', id: 'compare-table' },
    el('caption', { title: FIGURE_HELP.measured }, `Per queue count (Mbit/s, measured; B/A with its ${lvl} percentile bootstrap interval)`),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...v.points.map((p) => el('tr', {},
      el('td', { class: 'num' }, String(p.n)),
      el('td', { class: 'num' }, `${p.aRuns} / ${p.bRuns}`),
      el('td', { class: 'num' }, formatMbit(p.aMeanBps)),
      el('td', { class: 'num' }, formatMbit(p.bMeanBps)),
      el('td', { class: 'num' }, ratio(p.throughput)),
      el('td', { class: 'num' }, `${p.aBusyMean?.toFixed(2) ?? '–'} / ${p.bBusyMean?.toFixed(2) ?? '–'}`),
      el('td', { class: 'num' }, formatMbit(p.aPerBusyBps)),
      el('td', { class: 'num' }, formatMbit(p.bPerBusyBps)),
      el('td', { class: 'num' }, ratio(p.perBusyQueue))))));
}

/** Compare Two Run Sets: the verdict, the sentences behind it, both sets drawn, the numbers. */
export function compareSection(v: CompareView): HTMLElement[] {
  return [
    el('h1', {}, `Compare: ${v.title}`),
    el('p', { class: 'muted' }, `A = ${v.dirs.a} (${v.a.runs.length} runs), B = ${v.dirs.b} (${v.b.runs.length} runs). Throughput and busy queues are measured; the busy-queue odds are modelled (${v.method.preset}).`),
    el('p', { class: 'verdict', id: 'compare-verdict', 'data-verdict': v.verdict }, 'Verdict: ', el('strong', {}, v.verdict)),
    ...v.warnings.map((w) => el('p', { class: 'warning' }, w)),
    el('section', { class: 'sentences', 'aria-label': 'What the comparison shows' }, ...v.sentences.map((t) => el('p', {}, t))),
    throughputChart(v),
    perBusyChart(v),
    pointsTable(v),
  ];
}
