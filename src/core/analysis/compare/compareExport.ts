// A comparison as files: CSV of the per-queue-count table, a self-contained HTML report (sentences, tables, the
// charts as images), and the JSON that `queue-lens compare --json` prints.
import { toCsv } from '../../export/csv';
import { escapeHtml } from '../../export/htmlReport';
import type { CompareReport, RatioEstimate } from './compareModel';
import { formatMbit, mbitData } from '../../text';

/** A rate for an HTML table cell ('–' when unknown); the CSV keeps every measured bit (mbitData). */
const mbit = (bps: number | undefined): string | undefined => (bps === undefined ? undefined : formatMbit(bps));
const r4 = (x: number | undefined): string | undefined => (x === undefined ? undefined : x.toFixed(4));

/** One row per queue count: runs, means, busy queues, per-busy-queue means, B/A and its interval (rates in Mbit/s). */
export function compareCsv(r: CompareReport): string {
  const est = (e: RatioEstimate | undefined): (string | undefined)[] => [r4(e?.value), r4(e?.low), r4(e?.high)];
  return toCsv(
    ['n', 'runs A', 'runs B', 'mean A (Mbit/s; measured)', 'mean B (Mbit/s; measured)', 'B/A', 'B/A low', 'B/A high',
      'busy A (measured)', 'busy B (measured)', 'per busy queue A (Mbit/s)', 'per busy queue B (Mbit/s)', 'per busy B/A', 'per busy B/A low', 'per busy B/A high'],
    r.points.map((p) => [p.n, p.aRuns, p.bRuns, mbitData(p.aMeanBps), mbitData(p.bMeanBps), ...est(p.throughput),
      r4(p.aBusyMean), r4(p.bBusyMean), mbitData(p.aPerBusyBps), mbitData(p.bPerBusyBps), ...est(p.perBusyQueue)]),
  );
}

/** `queue-lens compare A B --json`: the folders, then the report. */
export function compareJson(r: CompareReport, dirs: { a: string; b: string }): string {
  return `${JSON.stringify({ dirs, ...r }, null, 2)}\n`;
}

export function compareHtml(r: CompareReport, dirs: { a: string; b: string }, images: ReadonlyArray<{ title: string; dataUrl: string }>, generated: string): string {
  const e = escapeHtml;
  const cell = (v: string | number | undefined): string => `<td>${e(v === undefined ? '–' : String(v))}</td>`;
  const ratio = (x: RatioEstimate | undefined): string => (x ? `${x.value.toFixed(3)} [${x.low.toFixed(3)}, ${x.high.toFixed(3)}]` : '–');
  const lvl = `${Math.round(r.method.level * 1000) / 10} %`;
  const head = ['n', 'runs A', 'runs B', 'mean A', 'mean B', `B/A [${lvl}]`, 'busy A', 'busy B', 'per busy A', 'per busy B', `per busy B/A [${lvl}]`];
  const rows = r.points.map((p) => `<tr>${[p.n, p.aRuns, p.bRuns, mbit(p.aMeanBps), mbit(p.bMeanBps), ratio(p.throughput),
    p.aBusyMean?.toFixed(2), p.bBusyMean?.toFixed(2), mbit(p.aPerBusyBps), mbit(p.bPerBusyBps), ratio(p.perBusyQueue)].map(cell).join('')}</tr>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${e(r.b.label)} against ${e(r.a.label)} — Queue Lens</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;margin:12px 0}
caption{text-align:left;font-weight:600;padding:6px 0}th,td{border-bottom:1px solid #d0d7de;padding:2px 8px;text-align:left}
img{max-width:100%;border:1px solid #d0d7de}.muted{color:#656d76}.warning{color:#9a6700}.verdict{font-size:1.2em}
</style></head><body>
<h1>Compare two run sets: ${e(r.b.label)} against ${e(r.a.label)}</h1>
<p class="muted">A = ${e(dirs.a)}, B = ${e(dirs.b)}; generated ${e(generated)} by Queue Lens. Throughput and busy queues are measured; the busy-queue odds are modelled (${e(r.method.preset)}).</p>
<p class="verdict">Verdict: <strong>${e(r.verdict)}</strong></p>
${r.sentences.map((s) => `<p>${e(s)}</p>`).join('\n')}
${r.warnings.map((w) => `<p class="warning">${e(w)}</p>`).join('\n')}
${images.filter((i) => /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(i.dataUrl)).map((i) => `<figure><img alt="${e(i.title)}" src="${e(i.dataUrl)}"><figcaption>${e(i.title)}</figcaption></figure>`).join('\n')}
<table><caption>Per queue count (Mbit/s; B/A with its ${e(lvl)} percentile bootstrap interval)</caption>
<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`;
}
