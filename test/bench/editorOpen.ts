// Benchmark (not a test): the capture editor's first chart in the real VS Code (code-server) and Chromium, against
// VS Code's own webview editor, the Markdown preview, timed in the same invocation:
//  - first chart after a page load (the workbench reloaded, nothing open): ours vs the preview's first paint,
//    alternated, medians of ROUNDS each, with where our time went (page, worker, drawing) from the page's marks;
//  - the first webview of a browser session (the workbench installing its webview service worker);
//  - a generated 1 M-packet capture.
// Run with `npm run bench:editor`; prints the figures for the README and docs/bench-editor.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { ensureCodeServer, startCodeServer } from '../harness/codeServer';
import { requireSystemPackages } from '../harness/systemPackages';
import { repoRoot } from '../helpers/paths';
import { generate } from '../fuzz/pcapGenerator';
import { activeWebview, quickOpen, runCommand, waitForWorkbench } from '../ui/workbench';

const ROUNDS = Number(process.env.ROUNDS ?? 5);

interface Marks { ready: number; data: number; rendered: number }

/** Our page's marks (ms since its navigation started) and when that was, on the workbench's clock. */
async function pageMarks(frame: FrameLocator): Promise<Marks & { origin: number }> {
  return frame.locator('body').evaluate(() => {
    const at = (n: string): number => performance.getEntriesByName(`queue-lens:${n}`)[0]?.startTime ?? NaN;
    return { ready: at('ready'), data: at('data'), rendered: at('rendered'), origin: performance.timeOrigin };
  });
}

/** When the workbench's webview host page (pre/index.html) last navigated: VS Code has resolved our editor by then. */
let hostPageAt = NaN;

/** Opens `name` with Quick Open; ms from Enter to the capture editor's first chart, and the page's marks. */
async function openCapture(page: Page, name: string): Promise<{ ms: number; host: number; page: number; marks: Marks }> {
  await quickOpen(page, name);
  const t0 = Date.now();
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').waitFor({ timeout: 120_000 });
  const ms = Date.now() - t0;
  const m = await pageMarks(frame);
  return { ms, host: hostPageAt - t0, page: m.origin - t0, marks: m };
}

/** Opens `name` as text, then Ctrl+Shift+V; ms from the key to the preview's first heading. */
async function openPreview(page: Page, name: string): Promise<number> {
  await quickOpen(page, name);
  await page.locator('.editor-group-container .monaco-editor .view-lines:visible').first().waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => { await page.screenshot({ path: path.join(repoRoot, 'test-results', 'bench-editor-failed.png') }); throw e; });
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.keyboard.press('Control+Shift+V');
  await activeWebview(page).locator('h1').first().waitFor({ timeout: 120_000 });
  return Date.now() - t0;
}

async function reload(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  const until = Date.now() + 20_000;
  while ((await page.locator('.tabs-container .tab').count()) > 0 && Date.now() < until) await page.waitForTimeout(200);
  await page.reload();
  await waitForWorkbench(page);
  await page.waitForTimeout(3_000); // the extension host reconnects and settles
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  requireSystemPackages();
  ensureCodeServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-bench-editor-'));
  const file = path.join(dir, 'one-million.pcap');
  // ~125 bytes a record in the source capture (snap length 128): 1 M packets ≈ 125 MB.
  const made = generate(file, 125 * 1024 * 1024);
  for (let i = 0; i <= ROUNDS; i++) fs.copyFileSync(path.join(repoRoot, 'samples', 'iperf2-8-streams.pcap'), path.join(dir, `small-${i}.pcap`));
  for (let i = 1; i <= ROUNDS; i++) fs.writeFileSync(path.join(dir, `notes-${i}.md`), '# Notes\n\nA page for the Markdown preview, the reference webview.\n');
  const server = await startCodeServer({ vsix: path.join(repoRoot, 'dist', 'queue-lens.vsix') });
  const browser = await launchBrowser();
  const page = browser.page;
  page.on('framenavigated', (f) => { if (/\/webview\/browser\/pre\/index\.html/.test(f.url())) hostPageAt = Date.now(); });
  try {
    await page.goto(server.url(dir));
    await waitForWorkbench(page);
    const first = await openCapture(page, 'small-0.pcap');
    console.log(`first webview of a browser session (3 633 packets): first chart ${first.ms} ms after Enter (its page started at +${first.page} ms)`);
    const ours: number[] = [];
    const theirs: number[] = [];
    const phases: Record<'editor' | 'page' | 'worker' | 'draw', number>[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      await reload(page);
      const o = await openCapture(page, `small-${i}.pcap`);
      ours.push(o.ms);
      phases.push({ editor: o.host, page: o.page + o.marks.ready - o.host, worker: o.marks.data - o.marks.ready, draw: o.marks.rendered - o.marks.data });
      await reload(page);
      // a new file each round: VS Code reopens a file in the editor it was last shown in
      theirs.push(await openPreview(page, `notes-${i}.md`));
      const p = phases[i - 1];
      console.log(`round ${i}: ours ${o.ms} ms (webview host page at +${p.editor}, our page ready +${Math.round(p.page)}, data +${Math.round(p.worker)}, drawn +${Math.round(p.draw)}), Markdown preview ${theirs[i - 1]} ms`);
    }
    const m = (k: keyof (typeof phases)[number]): number => Math.round(median(phases.map((p) => p[k])));
    console.log(`first chart after a page load, median of ${ROUNDS}: ${median(ours)} ms; VS Code's Markdown preview, same invocation: ${median(theirs)} ms; ratio ${(median(ours) / median(theirs)).toFixed(2)}×`);
    console.log(`  where it went (medians): VS Code opening the editor and activating the extension until the webview host page ${m('editor')} ms, the webview host and our page until ready ${m('page')} ms, waiting for the data ${m('worker')} ms, drawing ${m('draw')} ms`);
    const big = await openCapture(page, 'one-million.pcap');
    console.log(`${made.packets.toLocaleString('en-US')} packets (${(made.bytes / 1e6).toFixed(0)} MB): first chart ${big.ms} ms after Enter`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
