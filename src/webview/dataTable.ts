import { el } from './dom';

/** Appends one by one: spreading a row per time bin into a call overflows the stack (a quarter-million bins). */
export function appendAll<T extends HTMLElement>(parent: T, children: Node[]): T {
  for (const c of children) parent.append(c);
  return parent;
}

/**
 * The numbers behind a chart as a table, folded away under "Data" — what a screen reader reads instead of the
 * canvas, and what a user copies.
 */
export function chartData(caption: string, xTitle: string, labels: string[], series: { name: string; values: (number | null)[] }[], digits = 1): HTMLElement {
  const head = el('tr', {}, el('th', { scope: 'col' }, xTitle), ...series.map((s) => el('th', { scope: 'col' }, s.name)));
  const rows = labels.map((label, i) =>
    el('tr', {}, el('th', { scope: 'row' }, label), ...series.map((s) => el('td', { class: 'num' }, s.values[i] === null || s.values[i] === undefined ? '–' : (s.values[i] as number).toFixed(digits)))));
  return el('details', { class: 'chart-data' }, el('summary', {}, `Data: ${caption}`),
    el('table', { class: 'numbers' }, el('caption', {}, caption), el('thead', {}, head), appendAll(el('tbody'), rows)));
}
