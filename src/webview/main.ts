// Capture webview: asks the host for data (ready handshake), then shows the summary, the chart and the flows.
import type { CaptureView } from '../shared/protocol';
import { el } from './dom';
import { formatBytes, formatCount, formatSeconds } from './format';
import { onThemeChange } from './theme';
import { TimelineChart } from './timelineChart';
import { onHostMessage, send } from './vscodeApi';

const app = document.getElementById('app') as HTMLElement;

function status(text: string): void {
  app.replaceChildren(el('p', { id: 'status' }, text));
}

function summary(c: CaptureView): HTMLElement {
  const rows: [string, string][] = [
    ['Format', c.format],
    ['Link types', c.linkTypes.join(', ')],
    ['Packets', formatCount(c.packets)],
    ['Bytes', formatBytes(c.bytes)],
    ['Duration', formatSeconds(c.duration)],
    ['Flows', formatCount(c.flows.length)],
  ];
  return el('dl', { class: 'summary' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function flowTable(c: CaptureView): HTMLElement {
  const head = el('tr', {}, ...['Proto', 'A', 'B', 'A→B packets', 'A→B bytes', 'B→A packets', 'B→A bytes', 'Start', 'Duration'].map((h) => el('th', { scope: 'col' }, h)));
  const body = c.flows.map((f) =>
    el('tr', {},
      el('td', {}, f.proto), el('td', {}, `${f.a.ip}:${f.a.port}`), el('td', {}, `${f.b.ip}:${f.b.port}`),
      el('td', { class: 'num' }, formatCount(f.aToB.packets)), el('td', { class: 'num' }, formatBytes(f.aToB.bytes)),
      el('td', { class: 'num' }, formatCount(f.bToA.packets)), el('td', { class: 'num' }, formatBytes(f.bToA.bytes)),
      el('td', { class: 'num' }, formatSeconds(f.start)), el('td', { class: 'num' }, formatSeconds(f.duration))));
  return el('table', { class: 'flows' }, el('caption', {}, 'Flows'), el('thead', {}, head), el('tbody', {}, ...body));
}

function show(c: CaptureView): void {
  const canvas = el('canvas', { role: 'img', 'aria-label': `Packets per second over ${formatSeconds(c.duration)}` });
  const notes = [...c.warnings.map((w) => el('p', { class: 'warning' }, w)), ...c.comments.map((t) => el('p', { class: 'comment' }, t))];
  app.replaceChildren(
    el('h1', {}, c.fileName),
    summary(c),
    ...notes,
    el('div', { class: 'chart' }, canvas),
    flowTable(c),
  );
  app.setAttribute('aria-busy', 'false');
  const chart = new TimelineChart(canvas, c.binMs, c.timeline.packets);
  const points = chart.draw();
  onThemeChange(() => chart.draw());
  document.body.dataset.rendered = 'true';
  send({ type: 'rendered', points });
}

onHostMessage((m) => {
  switch (m.type) {
    case 'progress':
      status(`Reading capture… ${m.bytesTotal > 0 ? Math.round((100 * m.bytesDone) / m.bytesTotal) : 0} %`);
      break;
    case 'capture':
      show(m.capture);
      break;
    case 'error':
      status(m.message);
      document.body.dataset.error = 'true';
      break;
  }
});

send({ type: 'ready' });
