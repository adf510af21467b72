// A self-contained HTML report: tables as HTML, charts as embedded PNG images, no external resources,
// every string from a capture escaped.
// eslint-disable-next-line no-restricted-imports -- TODO(issue 10): export from the core model, not the view
import type { CaptureView, SpreadView } from '../../shared/protocol';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ReportImage { title: string; dataUrl: string }

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

function table(caption: string, header: string[], rows: (string | number)[][]): string {
  const th = header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const pct = (p: number | undefined): string => (p === undefined ? '–' : `${(100 * p).toFixed(2)} %`);

export function htmlReport(opts: { capture?: CaptureView; spread?: SpreadView; images: ReportImage[]; generated: string }): string {
  const { capture: c, spread: s } = opts;
  const parts: string[] = [];
  const title = c?.fileName ?? s?.title ?? 'Queue Lens report';
  parts.push(`<h1>${escapeHtml(title)}</h1>`, `<p class="muted">Queue Lens report, ${escapeHtml(opts.generated)}</p>`);
  if (c) {
    parts.push(table('Capture', ['format', 'link types', 'packets', 'bytes', 'duration (s)', 'flows'],
      [[c.format, c.linkTypeNames.join(', '), c.packets, c.bytes, c.duration.toFixed(6), c.flows.length]]));
    for (const w of c.warnings) parts.push(`<p class="warning">${escapeHtml(w)}</p>`);
    for (const t of c.comments) parts.push(`<p class="comment">${escapeHtml(t)}</p>`);
  }
  for (const img of opts.images) {
    // Only PNG data URLs are embedded; anything else is dropped rather than trusted.
    if (PNG_DATA_URL.test(img.dataUrl)) parts.push(`<figure><img alt="${escapeHtml(img.title)}" src="${img.dataUrl}"><figcaption>${escapeHtml(img.title)}</figcaption></figure>`);
  }
  if (s) {
    const kind = s.exact ? 'exact' : s.deterministic ? 'model (seeded draw)' : 'model';
    parts.push(`<h2>Queue spread — ${escapeHtml(s.preset)} (${kind})</h2>`, `<p>${escapeHtml(s.presetTitle)}</p>`);
    if (s.note) parts.push(`<p class="muted">${escapeHtml(s.note)}</p>`);
    if (s.deterministic) {
      parts.push(table('Queue of each flow for n queues', ['flow', ...s.rows.map((r) => `n=${r.n}`)],
        s.flows.map((f, i) => [f, ...s.rows.map((r) => (r.queues ? `q${r.queues[i]}` : '?'))])));
    }
    parts.push(table(`Imbalance and model odds (model ${s.model})`, ['n', 'flows per queue', 'max/mean', 'Jain', 'P(balanced)', 'E[max load]', 'P(slower than n−1)', 'E[throughput] ×c'],
      s.rows.map((r) => [r.n, r.loads?.join(' / ') ?? '–', r.maxOverMean?.toFixed(2) ?? '–', r.jain?.toFixed(3) ?? '–', pct(r.pBalanced), r.expectedMax.toFixed(3), pct(r.pSlowerThanPrevious), r.expectedThroughput.toFixed(3)])));
  }
  if (c) {
    parts.push(table('Flows', ['proto', 'A', 'B', 'A→B packets', 'A→B bytes', 'B→A packets', 'B→A bytes', 'start (s)', 'duration (s)'],
      c.flows.map((f) => [f.proto, `${f.a.ip}:${f.a.port}`, `${f.b.ip}:${f.b.port}`, f.aToB.packets, f.aToB.bytes, f.bToA.packets, f.bToA.bytes, f.start.toFixed(6), f.duration.toFixed(6)])));
  }
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
