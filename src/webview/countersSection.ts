// Per-queue counters (measured) and a run's measured queue per flow, next to the model. Bars are plain elements sized
// through the CSSOM (allowed by the page's style-src policy), coloured by the theme's chart colours.
import type { CounterSideView, CountersView, ObservedView } from '../shared/protocol';
import { el } from './dom';
import { formatPercent } from '../core/text';

const BAR_WIDTH_PX = 320;
/** Digits grouped by thin spaces (50 195 642): counters run to billions. */
const count = (v: number): string => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
const fixed = (v: number | null, digits: number): string => (v === null ? '–' : v.toFixed(digits));

function bar(share: number, colour: string, label: string): HTMLElement {
  const outer = el('div', { class: 'queue-bar', role: 'img', 'aria-label': label });
  Object.assign(outer.style, { width: `${BAR_WIDTH_PX}px`, height: '12px', background: 'var(--vscode-editorWidget-border, rgba(128,128,128,0.2))' });
  const inner = el('div', { class: 'queue-bar-fill' });
  Object.assign(inner.style, { width: `${(share * BAR_WIDTH_PX).toFixed(1)}px`, height: '100%', background: colour });
  outer.append(inner);
  return outer;
}

function figures(s: CounterSideView): HTMLElement {
  const n = s.queues.length;
  const row = (t: string, d: string): HTMLElement[] => [el('dt', {}, t), el('dd', {}, d)];
  return el('dl', { class: 'summary counter-figures', 'data-direction': s.direction },
    ...row(`total ${s.unit} (measured)`, count(s.total)),
    ...row('busy queues (measured)', `${s.busy} of ${n} (≥ 1 % of the busiest)`),
    ...row('max / mean (measured)', `${fixed(s.maxOverMean, 2)} (1 = even, ${n} = one queue)`),
    ...row('Jain’s index (measured)', `${fixed(s.jain, 3)} (1 = even, ${(1 / n).toFixed(3)} = one queue)`));
}

/** One side (tx or rx) of a counter file: its figures and a bar per queue (also the run view's per-queue bars). */
export function sideSection(v: CountersView, s: CounterSideView): HTMLElement {
  const max = s.queues.reduce((m, q) => Math.max(m, q.value), 0);
  const colour = s.direction === 'tx' ? 'var(--vscode-charts-blue, #3794ff)' : 'var(--vscode-charts-green, #89d185)';
  const packetsToo = s.unit === 'bytes' && s.queues.some((q) => q.packets !== null);
  const what = s.unit === 'interrupts' ? 'interrupts (measured; a proxy for activity, not bytes)' : `${s.unit} (measured)`;
  const head = ['queue', what, ...(packetsToo ? ['packets (measured)'] : []), 'share', `${s.unit}${v.delta ? ', after − before' : ''}`];
  return el('section', { class: 'counter-side', 'data-direction': s.direction },
    el('h2', {}, `${s.direction} queues: ${s.queues.length}`),
    figures(s),
    el('table', { class: 'numbers counters', 'data-direction': s.direction },
      el('caption', {}, `${s.direction}: measured ${s.unit} per queue`),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...s.queues.map((q) => el('tr', {},
        el('td', { class: 'num' }, `q${q.queue}`),
        el('td', { class: 'num' }, count(q.value)),
        ...(packetsToo ? [el('td', { class: 'num' }, q.packets === null ? '–' : count(q.packets))] : []),
        el('td', { class: 'num' }, formatPercent(q.share)),
        el('td', {}, bar(max > 0 ? q.value / max : 0, colour, `q${q.queue}: ${q.value} ${s.unit}, ${formatPercent(q.share)}`)))))));
}

/** A counter file: per side, the imbalance figures and a bar per queue; every number measured. */
export function countersSection(v: CountersView): HTMLElement[] {
  const files = v.before ? `${v.after} − ${v.before}` : v.after;
  const what = v.unit === 'interrupts'
    ? 'Interrupts per queue vector from /proc/interrupts, measured: a proxy for which queues were busy, not bytes.'
    : `Packets and bytes per queue, measured by ${v.source === 'ethtool' ? 'the driver' : 'the kernel'}${v.delta ? ' between the two snapshots (after − before)' : ' since the counters started (no earlier snapshot)'}.`;
  return [
    el('h1', {}, `Per-queue counters: ${files}`),
    el('p', { class: 'muted counters-source' },
      `${v.source}${v.device ? ` of ${v.device}` : ''}${v.naming ? ` · ${v.naming}` : ''}. ${what}`),
    ...v.warnings.map((w) => el('p', { class: 'warning' }, w)),
    ...v.sides.map((s) => sideSection(v, s)),
  ];
}

/**
 * The capture's exact preset against the run's counters, as `queue-lens observed --preset` says it: a warning when
 * it does not fit, a plain note when it does. `where` tells the copies apart (the queue view's top, the section).
 */
export function presetFitNote(fit: NonNullable<ObservedView['presetFit']>, where: 'spread' | 'observed'): HTMLElement {
  return el('p', { class: fit.fits ? 'muted preset-fit' : 'warning preset-fit', role: fit.fits ? 'note' : 'alert', 'data-fits': String(fit.fits), 'data-where': where }, fit.text);
}

/** A run's measured queue per flow (from its counters), beside the model's answer. */
export function observedSection(o: ObservedView): HTMLElement {
  const portsUnique = new Set(o.streams.map((s) => s.localPort)).size === o.streams.length;
  return el('section', { id: 'observed' },
    el('h2', {}, 'Measured queues: from the run’s per-queue counters'),
    ...(o.presetFit ? [presetFitNote(o.presetFit, 'observed')] : []),
    el('p', { class: 'muted' }, `${o.countersLabel}. Measured: ${o.busyQueues} of ${o.queues} queues busy. ` +
      'A flow’s queue is given where every assignment of flows to queues that fits the counters agrees; else the candidates. ' +
      'The model column is the preset’s answer, not a measurement.'),
    ...o.warnings.map((w) => el('p', { class: 'warning' }, w)),
    el('table', { class: 'numbers observed' },
      el('caption', {}, 'Queue per flow: measured (counters) and modelled (hash preset)'),
      el('thead', {}, el('tr', {}, ...['local port', 'bytes', 'queue (measured)', 'queue (model’s answer)'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...o.streams.map((s) => el('tr', {},
        // a server log's streams all have local port 5201: then the stream's test and 4-tuple name it
        el('td', { class: 'num', title: s.key ?? '' }, portsUnique || !s.key ? String(s.localPort) : s.key),
        el('td', { class: 'num' }, count(s.bytes)),
        el('td', {}, s.measured),
        el('td', { class: 'muted' }, s.model))))));
}
