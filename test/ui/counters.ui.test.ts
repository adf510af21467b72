// UI tests: per-queue counters as Chromium shows them in code-server — the counters panel (bars and table against
// `queue-lens counters --json`), Compare Queue Counts on the measured-queues sample (sentences citing the counters),
// the capture editor's measured queue per flow and the iperf log's "→ q… (measured)" annotations, against the CLI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog as answerDialog, quickOpen, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const RUN = path.join(samples, 'measured-queues', 'q5-k8-t1');
const wb = useWorkbench(() => samples, { 'queueLens.preset': 'linux-tx', 'queueLens.throughputModel': 'A', 'editor.minimap.enabled': false });

/** A cell's number as the CLI prints it: the view groups digits with thin spaces. */
const digits = (t: string | null): string => (t ?? '').replace(/\u2009/g, '');

function cliJson<T>(args: string[]): T {
  return JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as T;
}

/**
 * The file dialog. A dialog given a default folder shows its path at once and may still be loading it, which would
 * replace a path typed too early: wait until its listing is shown, then type the path and check it stayed.
 */
async function answerFileDialog(page: Page, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  try {
    const until = Date.now() + 20_000;
    while (!(await input.inputValue().catch(() => '')).startsWith('/') || (await page.locator('.quick-input-list .monaco-list-row').count()) === 0) {
      if (Date.now() > until) throw new Error('the file dialog did not open');
      await page.waitForTimeout(100);
    }
    for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== target; attempt++) {
      await input.fill(target);
      await page.waitForTimeout(500);
    }
    await answerDialog(page, target);
  } catch (e) {
    await screenshot(page, `dialog-${path.basename(target)}-failed`);
    await page.keyboard.press('Escape');
    throw e;
  }
}

async function rendered(page: Page, name: string, selector = 'body[data-rendered="true"]'): Promise<FrameLocator> {
  const frame = activeWebview(page);
  await frame.locator(selector).first().waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, `${name}-failed`);
    throw e;
  });
  return frame;
}

interface CountersJson { source: string; delta: boolean; tx: { queue: number; packets: number | null; bytes: number | null }[]; rx: unknown[] }

test('Open Per-Queue Counters… shows a qdisc pair as bars and a table equal to the CLI’s, every figure measured', async () => {
  const page = wb.page;
  await runCommand(page, 'Queue Lens: Open Per-Queue Counters…');
  await answerFileDialog(page, path.join(RUN, 'qdisc-after.txt'));
  // the panel full width, as in the README's screenshot
  await runCommand(page, 'View: Close Primary Side Bar');
  const frame = await rendered(page, 'counters');
  const cli = cliJson<CountersJson>(['counters', path.join(RUN, 'qdisc-after.txt'), '--before', path.join(RUN, 'qdisc-before.txt')]);
  assert.equal(cli.delta, true);
  assert.equal(await frame.locator('h1').textContent(), 'Per-queue counters: qdisc-after.txt − qdisc-before.txt');
  const rows = frame.locator('table.counters[data-direction="tx"] tbody tr');
  assert.equal(await rows.count(), cli.tx.length);
  const bytes = cli.tx.map((q) => q.bytes as number);
  const total = bytes.reduce((a, b) => a + b, 0);
  const max = Math.max(...bytes);
  const fills: number[] = [];
  for (let i = 0; i < cli.tx.length; i++) {
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.nth(0).textContent(), `q${cli.tx[i].queue}`);
    assert.equal(digits(await cells.nth(1).textContent()), String(cli.tx[i].bytes), `bytes of q${i}`);
    assert.equal(digits(await cells.nth(2).textContent()), String(cli.tx[i].packets), `packets of q${i}`);
    assert.equal(await cells.nth(3).textContent(), `${((100 * bytes[i]) / total).toFixed(1)} %`);
    fills.push((await cells.nth(4).locator('.queue-bar-fill').boundingBox())?.width ?? -1);
  }
  // each bar is as long as its queue's bytes against the busiest queue's (320 px)
  fills.forEach((w, i) => assert.ok(Math.abs(w - (320 * bytes[i]) / max) < 1.5, `bar of q${i}: ${w} px`));
  // the headers and figures say measured; busy queues and Jain's index as the CLI's text prints them
  const headers = await frame.locator('table.counters th').allTextContents();
  assert.ok(headers.includes('bytes (measured)') && headers.includes('packets (measured)'), headers.join(' | '));
  const figures = digits(await frame.locator('dl.counter-figures[data-direction="tx"]').innerText());
  const text = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'counters', path.join(RUN, 'qdisc-after.txt'), '--before', path.join(RUN, 'qdisc-before.txt')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const m = /total (\d+) bytes; busy queues (\d+) of (\d+).*max\/mean ([\d.]+).*Jain's index ([\d.]+)/.exec(text);
  assert.ok(m, text);
  for (const want of [`total bytes (measured)\n${m[1]}`, `busy queues (measured)\n${m[2]} of ${m[3]}`, `max / mean (measured)\n${m[4]}`, `Jain’s index (measured)\n${m[5]}`]) {
    assert.ok(figures.includes(want), `the figures say ${JSON.stringify(want)}: ${figures}`);
  }
  assert.equal(m[2], '4', 'four of five queues busy');
  const theme = async (): Promise<string> => ((await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? 'dark' : 'light');
  await screenshot(page, `counters-${await theme()}`);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.waitForTimeout(1500);
  await screenshot(page, `counters-${await theme()}`);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
});

test('a counters file without per-queue counters shows an error view naming the file', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Queue Lens: Open Per-Queue Counters…');
  const file = path.join(RUN, 'ethtool-after.txt');
  await answerFileDialog(page, file);
  // its ethtool-before.txt is beside it, so no question is asked
  const frame = await rendered(page, 'counters-error', 'body[data-error="true"]');
  const status = await frame.locator('.error-message').textContent();
  assert.ok(status?.startsWith('No per-queue view of ethtool-after.txt.') && status.includes(file) && /no per-queue packet or byte counters/.test(status), status ?? '');
  await screenshot(page, 'counters-error');
});

test('Compare Queue Counts on the measured-queues sample cites the counters’ busy queues, as the CLI does', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Queue Lens: Compare Queue Counts');
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="Choose a folder"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.type('Choose a folder');
  await page.keyboard.press('Enter');
  await answerFileDialog(page, path.join(samples, 'measured-queues'));
  await page.getByRole('tab', { name: /Queue counts: measured-queues/ }).waitFor({ timeout: 30_000 });
  const frame = await rendered(page, 'measured-sweep');
  const cli = cliJson<{ sentences: string[]; runs: { name: string; spread?: { source: string; occupied: number; counters?: unknown } }[] }>(['sweep', path.join(samples, 'measured-queues'), '--preset', 'linux-tx', '--model', 'A']);
  const sentences = await frame.locator('.sentences').innerText();
  for (const s of cli.sentences) assert.ok(sentences.includes(s), `the view says: ${s}`);
  assert.ok(cli.sentences.some((s) => s.startsWith('Measured by the per-queue counters')), 'the CLI cites the counters');
  assert.match(sentences, /At 5 queues the run did not use all 5: it used 4 \(measured\)/);
  const runRows = frame.locator('table.numbers').nth(1).locator('tbody tr');
  assert.equal(await runRows.count(), cli.runs.length);
  for (let i = 0; i < cli.runs.length; i++) {
    const cells = runRows.nth(i).locator('td');
    const r = cli.runs[i];
    assert.equal(await cells.nth(0).textContent(), r.name);
    assert.equal(await cells.nth(4).textContent(), 'per-queue counters (measured)');
  }
  await screenshot(page, 'counters-sweep');
});

test('the capture editor shows the run’s measured queue per flow beside the model, as `queue-lens observed` finds it', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  const run = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');
  await runCommand(page, 'Queue Lens: Open Capture…');
  await answerFileDialog(page, path.join(run, 'capture.pcap'));
  const frame = await rendered(page, 'capture-observed', 'body[data-observed="true"]');
  const cli = cliJson<{ streams: { localPort: number; queue: number | null; candidates: number[]; bytes: number }[] }>(['observed', run]);
  const rows = frame.locator('table.observed tbody tr');
  assert.equal(await rows.count(), cli.streams.length);
  for (let i = 0; i < cli.streams.length; i++) {
    const s = cli.streams[i];
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.nth(0).textContent(), String(s.localPort));
    assert.equal(digits(await cells.nth(1).textContent()), String(s.bytes));
    assert.equal(await cells.nth(2).textContent(), `q${s.queue} (measured)`);
    assert.equal(await cells.nth(3).textContent(), 'q?/5 · linux-tx (model)');
  }
  await frame.locator('#observed').scrollIntoViewIfNeeded();
  await screenshot(page, 'capture-observed');
});

test('an iperf log with tc counters beside it gets "→ q… (measured)" after each stream, the CLI’s candidates', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  const log = path.join(samples, 'experiment', 'q5-t2.iperf.log');
  await quickOpen(page, 'q5-t2.iperf.log');
  const cli = cliJson<{ streams: { localPort: number; queue: number | null; candidates: number[] }[] }>(['observed', '--log', log, '--counters', path.join(samples, 'experiment', 'tc', 'q5-t2.after.txt'), '--before', path.join(samples, 'experiment', 'tc', 'q5-t2.before.txt')]);
  const want = new Map(cli.streams.map((s) => [String(s.localPort), s.queue === null ? `→ ${s.candidates.map((q) => `q${q}`).join('|')} (measured: one of)` : `→ q${s.queue} (measured)`]));
  const until = Date.now() + 60_000;
  let got = new Map<string, string>();
  while (Date.now() < until) {
    got = await annotationsByPort(page);
    if (got.size === want.size && [...got.values()].every((a) => a.includes('(measured'))) break;
    await page.waitForTimeout(300);
  }
  for (const [port, label] of want) assert.ok(got.get(port)?.includes(label), `port ${port}: ${got.get(port)} has ${label}`);
  // the model's annotation is there too, first
  for (const a of got.values()) assert.ok(a.indexOf('linux-tx') >= 0 && a.indexOf('linux-tx') < a.indexOf('(measured'), a);
  await screenshot(page, 'iperf-measured-annotations');
});

/** Each connect line's decorations (model and measured), by local port: the ::after contents of its spans. */
async function annotationsByPort(page: Page): Promise<Map<string, string>> {
  interface ProbeEl { textContent: string | null; querySelectorAll(s: string): ArrayLike<ProbeEl> }
  interface ProbeWindow { getComputedStyle(e: ProbeEl, pseudo?: string): { content: string } }
  const lines = await page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els: ProbeEl[]) => {
    const w = globalThis as unknown as ProbeWindow;
    return els.map((el) => ({
      text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
      after: Array.from(el.querySelectorAll('span[class*="ced-"]'), (s) => w.getComputedStyle(s, '::after').content)
        .filter((c) => c !== 'none' && c !== 'normal' && c !== '""').map((c) => (c.startsWith('"') ? (JSON.parse(c) as string) : c)).join(' '),
    }));
  });
  const out = new Map<string, string>();
  for (const l of lines) {
    const m = / port (\d+) connected (with|to)/.exec(l.text);
    if (m && l.after) out.set(m[1], l.after);
  }
  return out;
}
