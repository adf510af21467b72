// A self-contained HTML report: tables as HTML, charts as embedded PNG images, no external resources,
// every string from a capture escaped. Reads the core models (see model.ts).
import { presetInfo } from '../hashing/presets';
import { LINK_TYPE_NAMES } from '../capture/linkTypes';
import { countOf, endpointText, flowLabel, formatMbit, formatPercent, formatRatio, untrustedText } from '../text';
import { isFailedRow } from '../analysis/spread/queueSpread';
import type { ExportModel } from './model';

/** Text as HTML: made safe by untrustedText (controls, bidirectional overrides), then markup characters as entities. */
export function escapeHtml(text: string): string {
  return untrustedText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ReportImage { title: string; dataUrl: string }

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

function table(caption: string, header: string[], rows: (string | number)[][]): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** "Ethernet (1)" for each link type. */
export function linkTypeNames(linkTypes: readonly number[]): string[] {
  return linkTypes.map((t) => `${LINK_TYPE_NAMES[t] ?? 'unknown'} (${t})`);
}

export function htmlReport(opts: { model: ExportModel; images: ReportImage[]; generated: string }): string {
  const { capture: c, spread: sr, sweep: sw } = opts.model;
  const parts: string[] = [];
  const title = opts.model.name || 'Queue Lens report';
  parts.push(`<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">Queue Lens report${opts.model.source ? ` of ${escapeHtml(opts.model.source)}` : ''}, ${escapeHtml(opts.generated)}</p>`);
  if (c) {
    parts.push(table('Capture', ['format', 'link types', 'packets', 'bytes', 'duration (s)', 'flows'],
      [[c.format, linkTypeNames(c.linkTypes).join(', '), c.packets, c.bytes, c.duration.toFixed(6), c.flows.length]]));
    for (const w of c.warnings) parts.push(`<p class="warning">${escapeHtml(w)}</p>`);
    for (const t of c.comments) parts.push(`<p class="comment">${escapeHtml(t)}</p>`);
  }
  if (sw) {
    for (const w of sw.warnings) parts.push(`<p class="warning">${escapeHtml(w)}</p>`);
    for (const t of sw.report.sentences) parts.push(`<p>${escapeHtml(t)}</p>`);
  }
  for (const img of opts.images) {
    // Only PNG data URLs are embedded; anything else is dropped rather than trusted.
    if (PNG_DATA_URL.test(img.dataUrl)) parts.push(`<figure><img alt="${escapeHtml(img.title)}" src="${img.dataUrl}"><figcaption>${escapeHtml(img.title)}</figcaption></figure>`);
  }
  if (opts.model.observed) parts.push(...observedSection(opts.model.observed));
  if (sr) parts.push(...spreadSection(sr));
  if (sw) parts.push(...sweepTables(sw.report));
  if (opts.model.correlation) parts.push(...correlationSection(opts.model.correlation));
  if (c) {
    parts.push(table('Flows', ['proto', 'A', 'B', 'A→B packets', 'A→B bytes', 'B→A packets', 'B→A bytes', 'start (s)', 'duration (s)'],
      c.flows.map((f) => [f.proto, endpointText(f.a), endpointText(f.b), f.aToB.packets, f.aToB.bytes, f.bToA.packets, f.bToA.bytes, f.start.toFixed(6), f.duration.toFixed(6)])));
  }
  return page(title, parts);
}

/** Measured first; the preset's queue per stream is the model's answer, and a misfit is said before it. */
function observedSection(ob: NonNullable<ExportModel['observed']>): string[] {
  const parts = [`<h2>Measured queues: from the run’s per-queue counters</h2>`,
    `<p>Measured: ${ob.busyQueues} of ${ob.queues} queues busy (${escapeHtml(ob.counters.source)}${ob.counters.device ? ` of ${escapeHtml(ob.counters.device)}` : ''}, ${ob.counters.direction}).</p>`];
  if (ob.presetFit) parts.push(`<p class="${ob.presetFit.fits ? 'muted' : 'warning'}">${escapeHtml(ob.presetFit.text)}</p>`);
  for (const w of ob.warnings) parts.push(`<p class="warning">${escapeHtml(w)}</p>`);
  const fit = ob.presetFit;
  if (ob.errorModel) parts.push(`<p class="muted">Error model: ${escapeHtml(ob.errorModel.text)}. A queue is given only where every assignment it allows agrees.</p>`);
  parts.push(table('Queue per stream: measured (counters) and modelled (hash preset)', ['stream', 'local port', 'bytes', 'queue (measured)', ...(fit ? [`queue (model: ${fit.preset})`] : [])],
    ob.streams.map((st) => {
      // by key (test and 4-tuple): a server log's streams share local port 5201
      const m = fit?.streams.find((x) => (x.key !== undefined && st.key !== undefined ? x.key === st.key : x.localPort === st.localPort));
      const measured = st.queue !== null ? `q${st.queue}` : `one of ${st.candidates.map((q) => `q${q}`).join('|') || 'none'}`;
      return [st.key ?? '', st.localPort, st.bytes, measured, ...(fit ? [m ? `q${m.queue}${m.allowed ? '' : ' (ruled out by the counters)'}` : '–'] : [])];
    })));
  return parts;
}

function spreadSection(sr: NonNullable<ExportModel['spread']>): string[] {
  const s = sr.spread;
  const kind = s.exact ? 'exact' : s.deterministic ? 'model (seeded draw)' : 'model';
  const labels = sr.flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple));
  const parts = [`<h2>Queue spread — ${escapeHtml(s.preset)} (${kind})</h2>`, `<p>${escapeHtml(presetInfo(s.preset).title)}</p>`];
  if (sr.note) parts.push(`<p class="muted">${escapeHtml(sr.note)}</p>`);
  if (s.deterministic) {
    parts.push(table('Queue of each flow for n queues', ['flow', ...s.rows.map((r) => `n=${r.n}`)],
      labels.map((f, i) => [f, ...s.rows.map((r) => (isFailedRow(r) ? 'error' : r.assignments ? `q${r.assignments[i].queue}` : '?'))])));
  }
  parts.push(table(`Imbalance and model odds (model ${s.model})`, ['n', 'flows per queue', 'max/mean', 'Jain', 'P(balanced)', 'E[max load]', 'P(slower than n−1)', 'E[throughput] ×c'],
    s.rows.map((r) => isFailedRow(r) ? [r.n, `error: ${r.error}`, '–', '–', '–', '–', '–', '–'] : [r.n, r.loads?.join(' / ') ?? '–', r.maxOverMean?.toFixed(2) ?? '–', r.jain?.toFixed(3) ?? '–', formatPercent(r.pBalanced), r.expectedMax.toFixed(3), formatPercent(r.pSlowerThanPrevious), r.expectedThroughput.toFixed(3)])));
  return parts;
}

function sweepTables(r: NonNullable<ExportModel['sweep']>['report']): string[] {
  return [
    table(`Measured and modelled aggregate per queue count (Mbit/s; ${r.preset}, model ${r.model})`, ['n', 'runs', 'mean', 'expected', '10–90 % band', 'P(balanced)', 'P(slower than n−1)'],
      r.points.map((p) => [p.n, p.trials.map((t) => formatMbit(t)).join(', ') || '–', formatMbit(p.meanBps), formatMbit(p.expectedBps), `${formatMbit(p.lowBps)}–${formatMbit(p.highBps)}`, formatPercent(p.pBalanced), formatPercent(p.pSlowerThanPrevious)])),
    // each run with its spread, as the view's runs table shows it: which busy queues were measured, which modelled
    table('Runs and their spread of streams over queues', ['run', 'n', 'trial', 'streams', 'Mbit/s (measured)', 'streams per queue', 'spread from', 'P(this slow or slower) (modelled)', 'in band', 'preset fits the counters'],
      r.runs.map((x) => [x.name, x.queues, x.trial ?? '–', x.streams, formatMbit(x.throughput.bitsPerSecond),
        x.spread ? (x.spread.loads ? x.spread.loads.join(' / ') : `${x.spread.occupied} busy queues`) : 'unknown (model preset)',
        x.spread?.source === 'observed' ? (x.spread.portQueueFrom === 'trace' ? 'kernel trace (measured)' : x.spread.counters ? 'per-queue counters (measured)' : 'port → queue map (measured)') : x.spread?.source === 'preset' ? 'exact preset (modelled)' : '–',
        formatPercent(x.percentile), x.inBand ? 'yes' : 'no', x.presetCheck ? (x.presetCheck.fits ? 'yes' : `no: ${x.presetCheck.reason ?? 'contradicted'}`) : '–'])),
  ];
}

function correlationSection(co: NonNullable<ExportModel['correlation']>): string[] {
  const parts = [`<h2>Correlation with ${escapeHtml(co.logFile ?? 'the iperf log')}</h2>`,
    `<p>${countOf(co.matched.length, 'stream')} matched, ${co.unmatchedStreams.length} unmatched, ${countOf(co.unmatchedFlows.length, 'flow')} with no stream.</p>`];
  if (co.noMatch) parts.push(`<p class="warning">No stream matched: ${escapeHtml(co.noMatch)}</p>`);
  if (co.matched.length) {
    parts.push(table('Streams and their flows (iperf measured vs capture measured)', ['stream', 'from', 'to', 'iperf bytes', 'iperf Mbit/s', 'capture bytes', 'capture Mbit/s', 'capture/iperf'],
      co.matched.map((m) => [m.streamId, endpointText(m.from), endpointText(m.to), m.iperf.bytes, formatMbit(m.iperf.bitsPerSecond), m.capture.bytes, formatMbit(m.capture.bitsPerSecond), `${formatRatio(m.byteRatio)}${m.tunnelled ? ' (tunnelled)' : ''}`])));
  }
  if (co.unmatchedStreams.length) {
    parts.push(table('Streams with no flow', ['stream', 'local', 'remote', 'reason'],
      co.unmatchedStreams.map((u) => [u.streamId, u.local ? endpointText(u.local) : '?', u.remote ? endpointText(u.remote) : '?', u.reason])));
  }
  return parts;
}

/** The page around the sections: a CSP that allows only inline style and data: images. */
function page(title: string, parts: string[]): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)} — Queue Lens</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;margin:12px 0}
caption{text-align:left;font-weight:600;padding:6px 0}th,td{border-bottom:1px solid #d0d7de;padding:2px 8px;text-align:left}
img{max-width:100%;border:1px solid #d0d7de}.muted{color:#656d76}.warning{color:#9a6700}.comment{white-space:pre-wrap;color:#656d76}
</style></head><body>
${parts.join('\n')}
</body></html>
`;
}
