// UI tests: the iperf log's inline queue annotations, hover and CodeLens as Chromium shows them in code-server,
// checked against what the CLI prints for the same flows.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { quickOpen, resultsDir, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const LOG = 'iperf2-8-streams.iperf.log';
const PRESET = 'windows-pv-8.1';
const QUEUES = 8;
// No minimap: it would cover the ends of the long connect lines where the annotations are.
const wb = useWorkbench(() => samples, { 'queueLens.preset': PRESET, 'queueLens.maxQueues': QUEUES, 'editor.hover.delay': 100, 'editor.minimap.enabled': false });

interface Flow { src: string; dst: string }

/** The client log's connect lines (this host sends: local → remote), read with a regex of the test's own. */
function sampleFlows(): Flow[] {
  const text = fs.readFileSync(path.join(samples, LOG), 'utf8');
  return [...text.matchAll(/local (\S+) port (\d+) connected with (\S+) port (\d+)/g)].map((m) => ({ src: `${m[1]}:${m[2]}`, dst: `${m[3]}:${m[4]}` }));
}

/** `queue-lens hash` for one flow: "hash=0x… queue=Q". */
function cliQueue(f: Flow, n: number): { hash: string; queue: number } {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'hash', '--preset', PRESET, '--src', f.src, '--dst', f.dst, '--queues', String(n)], { encoding: 'utf8' });
  const m = /hash=(0x[0-9a-f]{8}) queue=(\d+)/.exec(out);
  assert.ok(m, `the CLI printed a queue: ${out}`);
  return { hash: m[1], queue: Number(m[2]) };
}

/** The few DOM shapes the page-side probe uses (the host tsconfig has no DOM types, on purpose). */
interface ProbeEl { textContent: string | null; querySelectorAll(s: string): ArrayLike<ProbeEl> }
interface ProbeWindow { getComputedStyle(e: ProbeEl, pseudo?: string): { content: string } }

/**
 * Each rendered editor line's text and the CSS content of its decorations' ::after ('' when none). A line
 * holds several ced- spans (one carries the type's style, one the per-range text): keep those with content.
 */
async function renderedLines(page: Page): Promise<{ text: string; after: string }[]> {
  return page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els: ProbeEl[]) => {
    const w = globalThis as unknown as ProbeWindow;
    return els.map((el) => {
      const contents = Array.from(el.querySelectorAll('span[class*="ced-"]'), (span) => w.getComputedStyle(span, '::after').content)
        .filter((c) => c !== 'none' && c !== 'normal' && c !== '""');
      return { text: (el.textContent ?? '').replace(/\u00a0/g, ' '), after: contents.join('') };
    });
  });
}

/** CSS gives the content as a quoted string. */
function unquote(css: string): string {
  return css.startsWith('"') ? (JSON.parse(css) as string) : css;
}

/** The annotation after each connect line, keyed by source port. */
async function annotationsBySourcePort(page: Page): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const l of await renderedLines(page)) {
    const m = / port (\d+) connected with/.exec(l.text);
    if (m && l.after) out.set(m[1], unquote(l.after));
  }
  return out;
}

async function waitForAnnotations(page: Page, count: number): Promise<Map<string, string>> {
  const until = Date.now() + 30_000;
  for (;;) {
    const got = await annotationsBySourcePort(page);
    if (got.size === count || Date.now() > until) return got;
    await page.waitForTimeout(200);
  }
}

test('every connect line of the sample log shows the queue the CLI computes, and a CodeLens counts the streams', async () => {
  const page = wb.page;
  await quickOpen(page, LOG);
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility'); // room for the annotations
  const flows = sampleFlows();
  assert.equal(flows.length, 8);
  const shown = await waitForAnnotations(page, flows.length);
  for (const f of flows) {
    const port = f.src.split(':')[1];
    const { queue } = cliQueue(f, QUEUES);
    assert.equal(shown.get(port), `→ q${queue}/${QUEUES} · ${PRESET}`, `stream from ${f.src}`);
  }
  const lens = page.locator('.monaco-editor .codelens-decoration').filter({ hasText: 'Queue spread of these 8 streams' });
  await lens.first().waitFor({ timeout: 20_000 });
  await screenshot(page, 'iperf-annotations');
});

test('hovering a connect line shows the queue and hash for n = 1..8, as the CLI prints them', async () => {
  const page = wb.page;
  const [flow] = sampleFlows();
  const port = flow.src.split(':')[1];
  const line = page.locator('.monaco-editor .view-lines .view-line').filter({ hasText: `port ${port} connected with` }).first();
  await line.locator('span span').first().hover();
  const hover = page.locator('.monaco-hover').filter({ hasText: 'Queue Lens' }).first();
  await hover.waitFor({ timeout: 20_000 });
  // One table: the header row holds n = 1..8, the body's "queue" row the queues; the hash is printed once.
  type Cells = { children: ArrayLike<{ textContent: string | null }> }[];
  const texts = (rows: Cells): string[][] => rows.map((r) => Array.from(r.children, (c) => (c.textContent ?? '').trim()));
  const [head] = await hover.locator('table thead tr').evaluateAll(texts);
  const body = await hover.locator('table tbody tr').evaluateAll(texts);
  const queues = body.find((r) => r[0] === 'queue');
  assert.deepEqual(head, ['n', '1', '2', '3', '4', '5', '6', '7', '8']);
  assert.ok(queues, 'a queue row');
  const hash = /hash (0x[0-9a-f]{8})/.exec(await hover.innerText())?.[1];
  for (let n = 1; n <= QUEUES; n++) {
    const want = cliQueue(flow, n);
    assert.deepEqual({ queue: Number(queues[n]), hash }, want, `n=${n}`);
  }
  assert.match(await hover.innerText(), /Windows PV drivers 8\.1/);
  fs.mkdirSync(resultsDir, { recursive: true });
  await screenshot(page, 'iperf-hover');
  await hover.screenshot({ path: path.join(resultsDir, 'iperf-hover-widget.png') });
  await page.keyboard.press('Escape');
});

test('Toggle Annotations hides the annotations and brings them back', async () => {
  const page = wb.page;
  const lens = page.locator('.monaco-editor .codelens-decoration').filter({ hasText: 'Queue spread of these' });
  await runCommand(page, 'Queue Lens: Toggle Annotations');
  assert.equal((await waitForAnnotations(page, 0)).size, 0);
  await lens.first().waitFor({ state: 'detached', timeout: 20_000 });
  await screenshot(page, 'iperf-annotations-off');
  await runCommand(page, 'Queue Lens: Toggle Annotations');
  assert.equal((await waitForAnnotations(page, 8)).size, 8);
  await lens.first().waitFor({ timeout: 20_000 });
});
