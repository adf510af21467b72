import type { CaptureView, FlowView } from '../shared/protocol';
import { FIGURE_HELP } from '../shared/figureHelp';
import { axes, caption, chartKey, helpLine, themedChart } from './charts';
import { el } from './dom';
import { endpointText, formatBytes, formatCount, formatSeconds } from '../core/text';
import { chartData } from './dataTable';
import { portLabels } from './flowLabels';
import { seriesStyle } from './theme';
import { Column, virtualTable } from './virtualTable';

/**
 * The file's own comments (pcapng section, interface, statistics or packet blocks) as one summary row, each text
 * once: dumpcap writes "Counters provided by dumpcap" into the statistics block of every interface it captured on.
 */
function fileComments(comments: readonly string[]): HTMLElement[] {
  if (comments.length === 0) return [];
  const times = new Map<string, number>();
  for (const t of comments) times.set(t, (times.get(t) ?? 0) + 1);
  const items = [...times].map(([t, n]) => {
    const p = el('p', { class: 'comment' }, t, ...(n > 1 ? [el('span', { class: 'times' }, ` (in ${n} blocks)`)] : []));
    p.style.margin = '0'; // a row of the summary grid (the CSP allows the CSSOM, not style markup)
    return p;
  });
  return [
    el('dt', { title: 'Comments the program that wrote the pcapng file stored in it (text only, shown as written).' }, times.size === 1 ? 'Comment in the file' : 'Comments in the file'),
    el('dd', { class: 'file-comments' }, ...items),
  ];
}

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
  return el('dl', { class: 'summary' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]), ...fileComments(c.comments));
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
  return el('div', {}, el('div', { class: 'chart' }, canvas), helpLine('packetRate'),
    chartData('packets per second', 'time (s)', labels, [{ name: 'packets/s', values: c.timeline.packets.map((p) => p * perSecond) }], 0));
}

function flowThroughput(c: CaptureView): HTMLElement {
  const canvas = el('canvas', { id: 'flow-throughput', role: 'img', 'aria-label': 'Throughput of the largest flows over time; the key below names each line and the flow table has their totals' });
  const toMbps = (bytes: number): number => (bytes * 8) / (c.binMs / 1000) / 1e6;
  const { labels: names, shared } = portLabels(c.series.map((s) => s.label));
  const key = chartKey('Key: one entry per flow line');
  themedChart(canvas, (t) => ({
    type: 'line',
    data: {
      labels: c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1)),
      datasets: c.series.map((s, i) => {
        const st = seriesStyle(t, i);
        return { label: names[i], data: s.bytes.map(toMbps), borderColor: st.colour, backgroundColor: st.colour, borderDash: st.dash, borderWidth: 1.5, pointRadius: 0, pointStyle: st.point };
      }),
    },
    options: { ...axes(t, 'time (s)', 'Mb/s'), plugins: { legend: { display: false } } },
  }), key);
  const labels = c.timeline.packets.map((_, i) => ((i * c.binMs) / 1000).toFixed(1));
  return el('div', {}, el('div', { class: 'chart' }, canvas),
    ...(shared ? [el('p', { class: 'muted' }, `All flows: ${shared}; each line is labelled by its ports.`)] : []),
    key, helpLine('flowThroughput'),
    chartData('throughput of the largest flows (Mb/s)', 'time (s)', labels, c.series.map((s, i) => ({ name: names[i], values: s.bytes.map(toMbps) }))));
}

const total = (f: FlowView): number => f.aToB.bytes + f.bToA.bytes;
const tunnelText = (f: FlowView): string =>
  f.tunnel ? `${f.tunnel.kind ?? 'tunnel'}${f.tunnel.vni === undefined ? '' : ` ${f.tunnel.vni}`} via ${endpointText(f.tunnel.a)} → ${endpointText(f.tunnel.b)}`
    : f.carrier ? `${f.carrier.kind}${f.carrier.id === undefined ? '' : ` ${f.carrier.id}`} via ${f.carrier.a} → ${f.carrier.b}`
    : f.isCarrier ? 'carrier (outer UDP)' : '';

function flowColumns(c: CaptureView): Column<FlowView>[] {
  const tunnels = c.flows.some((f) => f.tunnel || f.carrier || f.isCarrier);
  return [
    { title: 'Proto', cell: (f) => f.proto, key: (f) => f.proto, help: 'Protocol: TCP or UDP (of the inner flow, for a tunnelled one).' },
    { title: 'A', cell: (f) => endpointText(f.a), key: (f) => endpointText(f.a), help: FIGURE_HELP.endpoint },
    { title: 'B', cell: (f) => endpointText(f.b), key: (f) => endpointText(f.b), help: FIGURE_HELP.endpoint },
    ...(tunnels ? [{ title: 'Tunnel', cell: tunnelText, key: tunnelText, help: FIGURE_HELP.tunnel }] : []),
    { title: 'Bytes', cell: (f) => formatBytes(total(f)), key: total, numeric: true, help: FIGURE_HELP.flowBytes },
    { title: 'A→B packets', cell: (f) => formatCount(f.aToB.packets), key: (f) => f.aToB.packets, numeric: true, help: FIGURE_HELP.flowPackets },
    { title: 'A→B bytes', cell: (f) => formatBytes(f.aToB.bytes), key: (f) => f.aToB.bytes, numeric: true, help: FIGURE_HELP.flowBytes },
    { title: 'B→A packets', cell: (f) => formatCount(f.bToA.packets), key: (f) => f.bToA.packets, numeric: true, help: FIGURE_HELP.flowPackets },
    { title: 'B→A bytes', cell: (f) => formatBytes(f.bToA.bytes), key: (f) => f.bToA.bytes, numeric: true, help: FIGURE_HELP.flowBytes },
    { title: 'Start', cell: (f) => formatSeconds(f.start), key: (f) => f.start, numeric: true, help: FIGURE_HELP.flowStart },
    { title: 'Duration', cell: (f) => formatSeconds(f.duration), key: (f) => f.duration, numeric: true, help: FIGURE_HELP.flowDuration },
    { title: 'Rate over time', cell: (f) => f.spark, key: total, help: FIGURE_HELP.flowSparkline },
  ];
}

/** Said in words instead of empty chart frames. */
function noPackets(c: CaptureView): HTMLElement {
  return el('section', { class: 'empty-capture', id: 'no-packets', role: 'status' },
    el('h2', {}, 'No packets'),
    el('p', {}, `${c.fileName} is a readable ${c.format} capture, but it holds no packets: there is nothing to chart, no flow and no queue spread. ` +
      'Capture again (the capture may have stopped before traffic started, or a filter matched nothing).'));
}

/** Summary (with the file's comments — text only), warnings, packet rate, flow table and per-flow throughput. */
export function captureSection(c: CaptureView): HTMLElement[] {
  const notes = [
    ...c.warnings.map((w) => el('p', { class: 'warning' }, w)),
  ];
  const head = [el('h1', {}, c.fileName), summary(c), ...notes];
  if (c.packets === 0) return [...head, noPackets(c)];
  const bytesColumn = flowColumns(c).findIndex((col) => col.title === 'Bytes');
  return [
    ...head,
    caption('h2', 'Packets per second', 'packetRate'),
    timeline(c),
    virtualTable('Flows', c.flows, flowColumns(c), { sort: { column: bytesColumn, ascending: false }, parent: (f) => f.parent }),
    caption('h2', 'Throughput of the largest flows', 'flowThroughput'),
    flowThroughput(c),
  ];
}
