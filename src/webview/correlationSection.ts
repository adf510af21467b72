import type { CorrelationView } from '../shared/protocol';
import { el } from './dom';
import { formatBytes, formatMbit, formatRatio } from '../core/text';
import { appendAll } from './dataTable';


/** iperf's streams next to the capture's flows: bytes and rates from both, and what matched nothing. */
export function correlationSection(c: CorrelationView): HTMLElement {
  const head = ['iperf stream', 'capture flow', 'iperf bytes', 'capture bytes', 'capture / iperf', 'iperf Mbit/s', 'capture Mbit/s'];
  const rows = c.matched.map((m) => el('tr', {},
    el('td', {}, m.stream), el('td', {}, m.flow),
    el('td', { class: 'num' }, formatBytes(m.iperfBytes)), el('td', { class: 'num' }, formatBytes(m.captureBytes)),
    el('td', { class: 'num' }, formatRatio(m.byteRatio)),
    el('td', { class: 'num' }, formatMbit(m.iperfBps)), el('td', { class: 'num' }, formatMbit(m.captureBps))));
  const list = (title: string, items: string[]): HTMLElement[] =>
    items.length ? [el('h3', {}, title), appendAll(el('ul'), items.map((i) => el('li', {}, i)))] : [];
  return el('section', { id: 'correlation' },
    el('h2', {}, `Capture ↔ ${c.logFile}`),
    el('table', { class: 'numbers' }, el('caption', {}, `${c.matched.length} streams matched to flows by 4-tuple`),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), appendAll(el('tbody'), rows)),
    ...list('Streams with no flow in the capture', c.unmatchedStreams),
    ...list('Flows with no stream in the log', c.unmatchedFlows));
}
