import type { CaptureView, FlowView } from '../shared/protocol';
import { axes, themedChart } from './charts';
import { el } from './dom';
import { endpointText, formatBytes, formatCount, formatSeconds } from '../core/export/format';
import { chartData } from './dataTable';
import { Column, virtualTable } from './virtualTable';

function summary(c: CaptureView): HTMLElement {
  const drops = c.interfaces.reduce((s, i) => s + (i.drops ?? 0), 0);
  const rows: [string, string][] = [
    ['Format', c.format],
    ['Link types', c.linkTypeNames.join(', ')],
    ['Interfaces', c.interfaces.map((i) => i.name || `#${c.interfaces.indexOf(i)}`).join(', ') || '–'],
    ['Packets', formatCount(c.packets)],
    ['Bytes', formatBytes(c.bytes)],
    ['Duration', formatSeconds(c.duration)],
    ['Flows', formatCount(c.flows.length)],
    ['Drops', c.interfaces.some((i) => i.drops !== undefined) ? formatCount(drops) : 'not recorded'],
  ];
  return el('dl', { class: 'summary' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function timeline(c: CaptureView): HTMLElement {
  const canvas = el('canvas', { id: 'timeline', role: 'img', 'aria-label': `Packets per second over ${formatSeconds(c.duration)}` });
  const perSecond = 1000 / c.binMs;
  themedChart(canvas, (t) => ({
    type: 'line',
    data: {
      labels: c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1)),
      datasets: [{ label: 'packets/s', data: c.timeline.packets.map((p) => p * perSecond), borderColor: t.series, backgroundColor: t.series, borderWidth: 2, pointRadius: 0 }],
    },
    options: { ...axes(t, 'time (s)', 'packets/s'), plugins: { legend: { display: false } } },
  }));
  const labels = c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1));
  return el('div', {}, el('div', { class: 'chart' }, canvas),
    chartData('packets per second', 'time (s)', labels, [{ name: 'packets/s', values: c.timeline.packets.map((p) => p * perSecond) }], 0));
}

function flowThroughput(c: CaptureView): HTMLElement {
  const canvas = el('canvas', { role: 'img', 'aria-label': 'Throughput of the largest flows over time; the flow table has their totals' });
  const toMbps = (bytes: number): number => (bytes * 8) / (c.binMs / 1000) / 1e6;
  themedChart(canvas, (t) => ({
    type: 'line',
    data: {
      labels: c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1)),
      datasets: c.series.map((s, i) => ({ label: s.label, data: s.bytes.map(toMbps), borderColor: t.palette[i % t.palette.length], backgroundColor: t.palette[i % t.palette.length], borderWidth: 1.5, pointRadius: 0 })),
    },
    options: { ...axes(t, 'time (s)', 'Mb/s'), plugins: { legend: { display: c.series.length <= 12, labels: { color: t.foreground } } } },
  }));
  const labels = c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1));
  return el('div', {}, el('div', { class: 'chart' }, canvas),
    chartData('throughput of the largest flows (Mb/s)', 'time (s)', labels, c.series.map((s) => ({ name: s.label, values: s.bytes.map(toMbps) }))));
}

const flowColumns: Column<FlowView>[] = [
  { title: 'Proto', cell: (f) => f.proto, key: (f) => f.proto },
  { title: 'A', cell: (f) => endpointText(f.a), key: (f) => endpointText(f.a) },
  { title: 'B', cell: (f) => endpointText(f.b), key: (f) => endpointText(f.b) },
  { title: 'A→B packets', cell: (f) => formatCount(f.aToB.packets), key: (f) => f.aToB.packets, numeric: true },
  { title: 'A→B bytes', cell: (f) => formatBytes(f.aToB.bytes), key: (f) => f.aToB.bytes, numeric: true },
  { title: 'B→A packets', cell: (f) => formatCount(f.bToA.packets), key: (f) => f.bToA.packets, numeric: true },
  { title: 'B→A bytes', cell: (f) => formatBytes(f.bToA.bytes), key: (f) => f.bToA.bytes, numeric: true },
  { title: 'Start', cell: (f) => formatSeconds(f.start), key: (f) => f.start, numeric: true },
  { title: 'Duration', cell: (f) => formatSeconds(f.duration), key: (f) => f.duration, numeric: true },
  { title: 'Rate over time', cell: (f) => f.spark, key: (f) => f.aToB.bytes + f.bToA.bytes },
];

/** Summary, notes (warnings, comments — text only), packet rate, flow table and per-flow throughput. */
export function captureSection(c: CaptureView): HTMLElement[] {
  const notes = [
    ...c.warnings.map((w) => el('p', { class: 'warning' }, w)),
    ...c.comments.map((t) => el('p', { class: 'comment' }, t)),
  ];
  return [
    el('h1', {}, c.fileName),
    summary(c),
    ...notes,
    el('h2', {}, 'Packets per second'),
    timeline(c),
    virtualTable('Flows', c.flows, flowColumns),
    el('h2', {}, 'Throughput of the largest flows'),
    flowThroughput(c),
  ];
}
