import type { SpreadRowView, SpreadView } from '../shared/protocol';
import { axes, caption, chartKey, helpLine, themedChart } from './charts';
import { FIGURE_HELP, FigureKey } from '../shared/figureHelp';
import { portLabels } from './flowLabels';
import { seriesStyle } from './theme';
import { el } from './dom';
import { chartData } from './dataTable';
import { formatBytes, formatPercent, hex32 } from '../core/text';

/** A row the preset could not be computed for (its error), or the numbers. */
type FailedRow = Extract<SpreadRowView, { error: string }>;
type ComputedRow = Exclude<SpreadRowView, FailedRow>;
const failed = (r: SpreadRowView): r is FailedRow => 'error' in r;

/** The n's that failed, one line per distinct error: "n = 1, 2, 3: table entry 1 is not a queue of 0..0". */
function failures(s: SpreadView): string[] {
  const byError = new Map<string, number[]>();
  for (const r of s.rows) if (failed(r)) byError.set(r.error, [...(byError.get(r.error) ?? []), r.n]);
  return [...byError].map(([error, ns]) => `${s.preset} cannot give queues at n = ${ns.join(', ')}: ${error}`);
}

const num = (x: number | undefined, digits = 2): string => (x === undefined ? '–' : x.toFixed(digits));

/** A matrix row's flow: its label and, for a tunnelled flow, the carrier it is hashed by on a second line. */
function flowCell(label: string, via: string | undefined): HTMLElement {
  if (!via) return el('th', { scope: 'row' }, label);
  const carrier = el('span', { class: 'muted via', title: `${label} is hashed by its carrier (${via.replace(/^via /, '')}), as the NIC sees it` }, via);
  // secondary: plain weight, a little smaller (the CSP allows the CSSOM, not style markup)
  carrier.style.fontWeight = 'normal';
  carrier.style.fontSize = '0.9em';
  return el('th', { scope: 'row' }, label, el('br'), carrier);
}

/** Flows → queue for every n: the matrix an exact preset gives. */
function matrix(s: SpreadView): HTMLElement {
  const head = el('tr', {}, el('th', { scope: 'col', title: FIGURE_HELP.dataFlow }, 'Flow'), ...s.rows.map((r) => el('th', { scope: 'col', class: 'num', title: FIGURE_HELP.queueMatrix }, `n=${r.n}`)));
  const body = s.flows.slice(0, 500).map((label, i) =>
    el('tr', {}, flowCell(label, s.via?.[i]), ...s.rows.map((r) => (failed(r)
      ? el('td', { class: 'num', title: r.error }, 'error')
      : el('td', { class: 'num', title: r.assignments ? `hash ${hex32(r.assignments[i].hash)}` : '' }, r.assignments ? `q${r.assignments[i].queue}` : '?')))));
  return el('table', { class: 'matrix' }, el('caption', { title: FIGURE_HELP.queueMatrix }, 'Queue of each flow for n queues'), el('thead', {}, head), el('tbody', {}, ...body));
}

/** The imbalance and model numbers per n, as a table (also the screen-reader form of the charts). */
function numbers(s: SpreadView): HTMLElement {
  const cols: [string, FigureKey | undefined][] = [['n', undefined], ['flows per queue', 'flowsPerQueue'], ['max/mean', 'maxOverMean'], ['Jain', 'jain'], ['P(balanced)', 'pBalanced'],
    ['E[max load]', 'expectedMax'], [`P(slower than n−1), model ${s.model}`, 'pSlowerThanPrevious'], [`E[throughput] (×queue capacity), model ${s.model}`, 'expectedThroughput']];
  const row = (r: SpreadRowView): HTMLElement => failed(r)
    ? el('tr', {}, el('td', { class: 'num' }, String(r.n)), el('td', { colspan: String(cols.length - 1), class: 'warning' }, `error: ${r.error}`))
    : el('tr', {},
      el('td', { class: 'num' }, String(r.n)),
      el('td', {}, r.loads ? r.loads.join(' / ') : '–'),
      el('td', { class: 'num' }, num(r.maxOverMean)),
      el('td', { class: 'num' }, num(r.jain, 3)),
      el('td', { class: 'num' }, formatPercent(r.pBalanced)),
      el('td', { class: 'num' }, num(r.expectedMax)),
      el('td', { class: 'num' }, formatPercent(r.pSlowerThanPrevious)),
      el('td', { class: 'num' }, num(r.expectedThroughput)));
  return el('table', { class: 'numbers' }, el('caption', {}, 'Imbalance (this run) and model odds (any run) per queue count'),
    el('thead', {}, el('tr', {}, ...cols.map(([c, k]) => el('th', k ? { scope: 'col', title: FIGURE_HELP[k] } : { scope: 'col', title: 'Queue count: the number of receive or transmit queues the flows are spread over.' }, c)))), el('tbody', {}, ...s.rows.map(row)));
}

function oddsChart(s: SpreadView): HTMLElement {
  const canvas = el('canvas', { id: 'odds', role: 'img', 'aria-label': 'Model odds per queue count; the table below holds the same numbers' });
  // the key below (not chart.js's legend, whose box drew the dashed line as a blurred block)
  const key = chartKey('Key: the two model odds');
  themedChart(canvas, (c) => ({
    type: 'line',
    data: {
      labels: s.rows.map((r) => String(r.n)),
      datasets: [
        { label: 'P(balanced)', data: s.rows.map((r) => (failed(r) ? null : 100 * r.pBalanced)), borderColor: c.palette[0], backgroundColor: c.palette[0], borderWidth: 2 },
        { label: 'P(slower than n−1)', data: s.rows.map((r) => (failed(r) || r.pSlowerThanPrevious === undefined ? null : 100 * r.pSlowerThanPrevious)), borderColor: c.palette[1], backgroundColor: c.palette[1], borderWidth: 2, borderDash: [6, 3], pointStyle: 'rect' },
      ],
    },
    options: { ...axes(c, 'queues (n)', 'probability (%)'), plugins: { legend: { display: false } } },
  }), key);
  return el('div', {}, el('div', { class: 'chart' }, canvas), key, helpLine('pBalanced', 'pSlowerThanPrevious'));
}

/** Stacked per-queue load at one n: each flow is a segment on the queue it hashes to. */
function loadChart(s: SpreadView, r: SpreadRowView): HTMLElement {
  if (failed(r)) return el('p', { class: 'warning' }, `No queues at n = ${r.n}: ${r.error}`);
  return loadBars(s, r);
}

function loadBars(s: SpreadView, r: ComputedRow): HTMLElement {
  const canvas = el('canvas', { id: 'queue-load', role: 'img', 'aria-label': `Per-queue load with ${r.n} queues: ${r.loads?.join(', ') ?? ''} flows` });
  const byBytes = !!r.byteLoads;
  const { labels: names, shared } = portLabels(s.flows);
  const key = chartKey('Key: one colour per flow');
  themedChart(canvas, (c) => ({
    type: 'bar',
    data: {
      labels: Array.from({ length: r.n }, (_, q) => `q${q}`),
      datasets: s.flows.map((_, i) => ({
        label: names[i],
        data: Array.from({ length: r.n }, (_, q) => (r.assignments?.[i].queue === q ? 1 : 0)),
        backgroundColor: seriesStyle(c, i).colour,
        borderColor: c.foreground,
        borderWidth: 0.5,
      })),
    },
    options: (() => {
      const o = { ...axes(c, `queue (n = ${r.n})`, 'flows', true), plugins: { legend: { display: false } } };
      (o.scales!.y!.ticks as { precision?: number }).precision = 0; // whole flows only
      return o;
    })(),
  }), key);
  const bytes = byBytes ? el('p', { class: 'muted' }, `Bytes per queue: ${r.byteLoads!.map(formatBytes).join(' / ')}`) : '';
  const table = chartData(`flows per queue, n = ${r.n}`, 'queue', Array.from({ length: r.n }, (_, q) => `q${q}`), [{ name: 'flows', values: r.loads ?? [] }], 0);
  return el('div', {}, el('div', { class: 'chart' }, canvas), ...(shared ? [el('p', { class: 'muted' }, `All flows: ${shared}; each is labelled by its ports.`)] : []),
    key, bytes, helpLine('perQueueLoad'), table);
}

/** The whole queue view: preset, matrix, load bars for a chosen n, odds chart and the numbers table. */
export function spreadSection(s: SpreadView): HTMLElement {
  const kind = s.exact ? 'exact: the queues this scheme computes for each flow, a model of the host; counters beside a run measure what it did' : s.deterministic
    ? 'model: one reproducible draw from the seed, not what a kernel computed'
    : 'model: each flow is placed at random, so only the odds are known';
  const head = el('div', { class: 'preset' },
    el('h2', {}, 'Queue spread'),
    el('p', {}, el('strong', {}, s.preset), ` — ${s.presetTitle} (${kind})`),
    ...(s.note ? [el('p', { class: 'muted' }, s.note)] : []),
    ...s.problems.map((p) => el('p', { class: 'warning' }, p)),
    ...failures(s).map((p) => el('p', { class: 'warning spread-error' }, p)));
  const parts: (HTMLElement | string)[] = [head];
  if (s.deterministic && s.flows.length > 0) {
    const select = el('select', { 'aria-label': 'Queue count for the load chart' },
      ...s.rows.map((r) => el('option', r.n === s.rows.length ? { value: String(r.n), selected: '' } : { value: String(r.n) }, `${r.n} queues`)));
    const holder = el('div', { class: 'loads' }, loadChart(s, s.rows[s.rows.length - 1]));
    select.addEventListener('change', () => holder.replaceChildren(loadChart(s, s.rows[Number(select.value) - 1])));
    parts.push(matrix(s), caption('h3', 'Per-queue load ', 'perQueueLoad', select), holder);
  } else {
    parts.push(el('p', { class: 'muted' }, 'Choose an exact preset (or give a seed) to see which queue each flow lands on.'));
  }
  parts.push(caption('h3', 'How likely is an uneven spread?', 'modelled'), oddsChart(s), numbers(s));
  return el('section', { class: 'spread', id: 'spread' }, ...parts);
}

/** The queue view's place when the spread could not be computed at all: the capture above stays. */
export function spreadErrorSection(message: string): HTMLElement {
  return el('section', { class: 'spread', id: 'spread' }, el('h2', {}, 'Queue spread'), el('p', { class: 'warning spread-error' }, `The queue spread could not be computed: ${message}`));
}
