import type { SweepView } from '../shared/protocol';

type Run = SweepView['runs'][number];

/** This run fell 5 % or more below its own trial's run at n−1: a single trial dips here. */
const fellBelow = (s: SweepView, r: Run): boolean => s.trialDips.some((d) => d.trial === r.trial && d.n === r.queues);
const runBps = (r: Run): number => r.throughput.bitsPerSecond;
import type { ChartDataset } from 'chart.js';
import { axes, helpLine, legendLabelOptions, themedChart } from './charts';
import { FIGURE_HELP, FigureKey } from '../shared/figureHelp';
import type { ThemeColours } from './theme';
import { el } from './dom';
import { sweepConfigSection } from './configSection';
import { formatMbit, formatPercent } from '../core/text';

const mbps = (bps: number | undefined): number | null => (bps === undefined ? null : bps / 1e6);

/** More trials than this are drawn as dots rather than a line each, which would be unreadable. */
const MAX_TRIAL_LINES = 6;

/**
 * The runs. A few trials: each as its own thin line, as one sweep is usually drawn, and a trial that dips when a
 * queue is added in red with the dip's point enlarged. Many trials, or runs without trial numbers: dots, with the
 * runs that fell below their own trial's run at n−1 as enlarged red dots.
 */
function runDatasets(s: SweepView, c: ThemeColours, labels: string[]): ChartDataset<'line', (number | null)[]>[] {
  const trials = [...new Set(s.runs.flatMap((r) => (r.trial === undefined ? [] : [r.trial])))].sort((a, b) => a - b);
  if (trials.length === 0 || trials.length > MAX_TRIAL_LINES) {
    const maxRuns = s.points.reduce((m, p) => Math.max(m, p.trials.length), 0);
    const dots: ChartDataset<'line', (number | null)[]>[] = Array.from({ length: maxRuns }, (_, t) => ({
      label: t === 0 ? 'each run' : `run ${t + 1}`,
      data: s.points.map((p) => mbps(p.trials[t])),
      borderColor: 'transparent', backgroundColor: `${c.palette[2]}b0`, showLine: false, pointRadius: 3,
    }));
    if (!s.runs.some((r) => fellBelow(s, r))) return dots;
    const fell = labels.map((n) => s.runs.filter((r) => fellBelow(s, r) && String(r.queues) === n).map((r) => mbps(runBps(r))));
    const most = fell.reduce((m, f) => Math.max(m, f.length), -Infinity);
    return [...dots, ...Array.from({ length: most }, (_, i) => ({
      label: i === 0 ? 'runs below their trial’s n−1 run' : `run ${i + 1} below`,
      data: fell.map((f) => f[i] ?? null),
      borderColor: c.alarm, backgroundColor: c.alarm, showLine: false, pointRadius: 6,
    }))];
  }
  // each trial its own colour (never the model's blue, the mean's orange or the vermilion next to red); a dip is an
  // enlarged triangle on the trial's line
  const own = c.palette.map((_, i) => i).filter((i) => i !== 0 && i !== 1 && i !== 4);
  return trials.map((trial, k) => {
    const at = labels.map((n) => s.runs.find((r) => r.trial === trial && String(r.queues) === n));
    const dipsAt = at.flatMap((r) => (r && fellBelow(s, r) ? [r.queues] : []));
    // a trial that falls is drawn in the theme's red, as the runs table and the sentences name it
    const colour = dipsAt.length ? c.alarm : c.palette[own[k % own.length]];
    const dip = at.map((r) => !!r && fellBelow(s, r));
    return {
      label: dipsAt.length ? `trial ${trial} (dips at ${dipsAt.join(', ')})` : `trial ${trial}`,
      data: at.map((r) => mbps(r && runBps(r))),
      borderColor: colour, backgroundColor: colour,
      pointBackgroundColor: colour, pointBorderColor: colour,
      pointStyle: dip.map((d) => (d ? 'triangle' : 'circle')),
      borderDash: k >= 3 ? [6, 3] : [],
      borderWidth: dipsAt.length ? 2 : 1.5, pointRadius: dip.map((d) => (d ? 7 : 3)),
    };
  });
}

/** Measured aggregate vs queue count (every run and the mean) over the model's expected curve and 10–90 % band. */
function sweepChart(s: SweepView): HTMLElement {
  const canvas = el('canvas', { id: 'sweep-chart', role: 'img', 'aria-label': 'Measured aggregate throughput per queue count against the model; the table below has the same numbers' });
  const labels = s.points.map((p) => String(p.n));
  themedChart(canvas, (c) => ({
    type: 'line',
    data: {
      labels,
      datasets: [
        // The band: the high edge filled down to the low edge.
        { label: 'model 10–90 %', data: s.points.map((p) => mbps(p.highBps)), borderColor: 'transparent', backgroundColor: `${c.palette[0]}33`, fill: '+1', pointRadius: 0 },
        { label: 'model 10 %', data: s.points.map((p) => mbps(p.lowBps)), borderColor: 'transparent', backgroundColor: 'transparent', fill: false, pointRadius: 0 },
        { label: `model expected (${s.preset}, ${s.model})`, data: s.points.map((p) => mbps(p.expectedBps)), borderColor: c.palette[0], backgroundColor: c.palette[0], borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
        { label: 'measured mean', data: s.points.map((p) => mbps(p.meanBps)), borderColor: c.palette[1], backgroundColor: c.palette[1], borderWidth: 2.5, pointRadius: 3 },
        ...runDatasets(s, c, labels),
      ],
    },
    options: {
      ...axes(c, 'queues (n)', 'aggregate throughput (Mbit/s)'),
      plugins: { legend: { labels: { ...legendLabelOptions(c), filter: (item) => item.text !== 'model 10 %' && !/^run \d/.test(item.text) } } },
    },
  }));
  return el('div', {}, el('div', { class: 'chart tall' }, canvas), helpLine('measured', 'expectedThroughput', 'band'));
}

/** Every run at one n, or their range when there are too many to read in a cell. */
function runsCell(trials: readonly number[]): string {
  if (trials.length === 0) return '–';
  if (trials.length <= 4) return trials.map((t) => formatMbit(t)).join(', ');
  return `${formatMbit(trials.reduce((m, t) => Math.min(m, t), Infinity))}–${formatMbit(trials.reduce((m, t) => Math.max(m, t), -Infinity))} (${trials.length} runs)`;
}

function pointsTable(s: SweepView): HTMLElement {
  const stepped = s.points.some((p) => p.trialSteps);
  const head: [string, FigureKey][] = [['n', 'measured'], ['runs (Mbit/s)', 'measured'], ['mean', 'measured'], ['expected', 'expectedThroughput'], ['10–90 % band', 'band'],
    ['P(balanced)', 'pBalanced'], ['P(slower than n−1)', 'pSlowerThanPrevious'], ...(stepped ? [['trials that fell: seen / model (binomial p)', 'binomialP'] as [string, FigureKey]] : [])];
  return el('table', { class: 'numbers' }, el('caption', { title: `${FIGURE_HELP.measured} ${FIGURE_HELP.modelled}` }, 'Measured (runs, mean) and modelled (expected, band, odds) per queue count'),
    el('thead', {}, el('tr', {}, ...head.map(([h, k]) => el('th', { scope: 'col', title: FIGURE_HELP[k] }, h)))),
    el('tbody', {}, ...s.points.map((p) => el('tr', {},
      el('td', { class: 'num' }, String(p.n)),
      el('td', {}, runsCell(p.trials)),
      el('td', { class: 'num' }, formatMbit(p.meanBps)),
      el('td', { class: 'num' }, formatMbit(p.expectedBps)),
      el('td', { class: 'num' }, `${formatMbit(p.lowBps)}–${formatMbit(p.highBps)}`),
      el('td', { class: 'num' }, formatPercent(p.pBalanced)),
      el('td', { class: 'num' }, formatPercent(p.pSlowerThanPrevious)),
      ...(stepped ? [el('td', { class: 'num' }, p.trialSteps ? `${p.trialSteps.fell} / ${p.trialSteps.expected.toFixed(1)} of ${p.trialSteps.steps} (p ${p.trialSteps.pValue.toFixed(2)})` : '–')] : [])))));
}

function runsTable(s: SweepView): HTMLElement {
  // With one trial there is nothing to read on its own: its falls are the dips of the means.
  const trials = new Set(s.runs.map((r) => r.trial).filter((t) => t !== undefined)).size >= 2;
  const head: [string, FigureKey][] = [['run', 'measured'], ['n', 'measured'], ['Mbit/s', 'measured'], ['streams per queue', 'flowsPerQueue'], ['spread from', 'busyQueues'],
    ['P(this slow or slower)', 'modelled'], ...(trials ? [['fell ≥ 5 % below its trial at n−1', 'trialFell'] as [string, FigureKey]] : [])];
  return el('table', { class: 'numbers' }, el('caption', { title: FIGURE_HELP.flowsPerQueue }, 'Each run and its actual spread of streams over queues'),
    el('thead', {}, el('tr', {}, ...head.map(([h, k]) => el('th', { scope: 'col', title: FIGURE_HELP[k] }, h)))),
    el('tbody', {}, ...s.runs.map((r) => el('tr', {},
      el('td', {}, r.name), el('td', { class: 'num' }, String(r.queues)), el('td', { class: 'num' }, formatMbit(runBps(r))),
      el('td', {}, r.spread ? (r.spread.loads ? `[${r.spread.loads.join(' ')}]` : `${r.spread.occupied} busy queues`) : 'unknown (model preset)'),
      el('td', {}, r.spread?.source === 'observed' ? (r.spread.portQueueFrom === 'trace' ? 'kernel trace (measured)' : r.spread.counters ? 'per-queue counters (measured)' : 'port → queue map (measured)') : r.spread?.source === 'preset' ? 'exact preset (modelled)' : '–'),
      el('td', { class: 'num' }, formatPercent(r.percentile)),
      ...(trials ? [el('td', {}, fellBelow(s, r) ? 'fell' : '')] : [])))));
}

/** Compare Queue Counts: throughput against queue count, measured over modelled, explained. */
export function sweepSection(s: SweepView): HTMLElement[] {
  return [
    el('h1', {}, `Queue counts: ${s.title}`),
    el('p', { class: 'muted' }, `${s.runs.length} runs of ${s.flows} streams; model: ${s.preset}, throughput model ${s.model}, per-queue capacity ${formatMbit(s.capacity.bps)} Mbit/s. Runs and means are measured; the curve, band and odds are modelled.`),
    ...s.warnings.map((w) => el('p', { class: 'warning' }, w)),
    el('section', { class: 'sentences', 'aria-label': 'What the runs show' }, ...s.sentences.map((t) => el('p', {}, t))),
    sweepChart(s),
    pointsTable(s),
    runsTable(s),
    ...sweepConfigSection(s.runs),
  ];
}
