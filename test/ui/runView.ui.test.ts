// UI test: a run recorded with `queue-lens record` (samples/recorded) opened in the run view as Chromium shows it in
// code-server, in both themes, against the CLI. It records nothing: it only reads the committed folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const RECORDED = path.join(samples, 'recorded', 'iperf3-p8-q4');
const INTERVAL = path.join(fixturesDir, 'recorded-interval', 'run');
const wb = useWorkbench(() => samples, { 'editor.minimap.enabled': false });

const digits = (t: string | null): string => (t ?? '').replace(/\u2009/g, '');

function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

interface Observed {
  queues: number; busyQueues: number; streams: Array<{ localPort: number; queue: number | null; candidates?: number[] }>;
  modelCheck?: { preset: string | null; checked: number; agree: number; disagree: Array<{ localPort: number; expected: number }> };
}
interface Counters { tx: Array<{ queue: number; bytes: number | null }> }

async function rendered(page: Page, name: string): Promise<FrameLocator> {
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').first().waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, `${name}-failed`);
    throw e;
  });
  return frame;
}

const theme = async (page: Page): Promise<string> => ((await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? 'dark' : 'light');

test('Open Recorded Run… on the recorded sample: each flow’s measured queue, the per-queue bars and the log’s summary equal the CLI', async () => {
  const page = wb.page;
  // the view full width, as in the README's screenshot
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'Queue Lens: Open Recorded Run…');
  // the workspace's recorded runs (their run.json) are offered first
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="recorded/iperf3-p8-q4"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const frame = await rendered(page, 'run-view');
  assert.equal(await frame.locator('h1').textContent(), 'Recorded run: iperf3-p8-q4');
  // what was recorded: the command exactly as run
  const facts = await frame.locator('dl.run-facts').innerText();
  const manifest = JSON.parse(fs.readFileSync(path.join(RECORDED, 'run.json'), 'utf8')) as { command: string[] };
  // plain words, so the quoted line is the words joined by spaces
  assert.ok(facts.includes(`command (as run)\n${manifest.command.join(' ')}`), facts);
  // each flow's queue: the CLI's `observed --json`
  const o = JSON.parse(cli(['observed', RECORDED, '--json'])) as Observed;
  const rows = frame.locator('table.run-flows tbody tr');
  assert.equal(await rows.count(), o.streams.length);
  for (let i = 0; i < o.streams.length; i++) {
    const s = o.streams[i];
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.nth(0).textContent(), String(s.localPort));
    const want = s.queue !== null ? `q${s.queue} (measured)` : `${(s.candidates ?? []).map((q) => `q${q}`).join('|')} (measured: one of)`;
    assert.equal(await cells.nth(2).textContent(), want, `port ${s.localPort}`);
  }
  assert.ok((await frame.locator('#run-flows p.muted').first().textContent())?.includes(`Measured: ${o.busyQueues} of ${o.queues} queues busy.`));
  // the model check (modelled) against the trace (measured), as the CLI's modelCheck counts it
  const mc = o.modelCheck;
  assert.ok(mc?.preset, 'the recorded sample has a trace and a model check');
  assert.match(await frame.locator('#run-model-check p').first().innerText(), new RegExp(`^${mc.preset} \\(modelled;.*: ${mc.agree} of ${mc.checked} traced flow/queue/CPU rows agree`));
  const checkRows = frame.locator('table.model-check tbody tr');
  assert.equal(await checkRows.count(), o.streams.length);
  for (let i = 0; i < o.streams.length; i++) {
    const port = o.streams[i].localPort;
    const bad: boolean = mc.disagree.some((d) => d.localPort === port);
    assert.equal(await checkRows.nth(i).locator('td').nth(3).textContent(), bad ? 'no' : 'yes', `port ${o.streams[i].localPort}`);
  }
  // the per-queue bars: the counters' after − before, as `queue-lens counters` reads them
  const c = JSON.parse(cli(['counters', path.join(RECORDED, 'counters', 'qdisc-after.txt'), '--before', path.join(RECORDED, 'counters', 'qdisc-before.txt'), '--json'])) as Counters;
  const bars = frame.locator('#run-queues table.counters[data-direction="tx"] tbody tr');
  assert.equal(await bars.count(), c.tx.length);
  for (let i = 0; i < c.tx.length; i++) assert.equal(digits(await bars.nth(i).locator('td').nth(1).textContent()), String(c.tx[i].bytes));
  // the log's summary, measured by iperf: the receiver's [SUM] as `queue-lens iperf` reads it
  const log = await frame.locator('dl.run-log-facts').innerText();
  assert.match(log, /8 TCP streams, forward/);
  assert.match(log, /throughput \(measured by iperf\)/);
  // every heading says measured or modelled
  for (const h of await frame.locator('section[id^="run-"] > h2').allTextContents()) assert.match(h, /measured|modelled|recorded/, h);
  await screenshot(page, `run-view-${await theme(page)}`);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.waitForTimeout(1500);
  await screenshot(page, `run-view-${await theme(page)}`);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
});

test('a run recorded with --interval: the per-queue rate chart and its table, measured', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Queue Lens: Open Recorded Run…');
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="Choose a run folder"]').first().waitFor({ timeout: 20_000 });
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="Choose a run folder"]').first().click();
  await answerFileDialog(page, INTERVAL);
  const frame = await rendered(page, 'run-view-series');
  assert.equal(await frame.locator('h1').textContent(), 'Recorded run: run');
  await frame.locator('#run-series canvas').waitFor();
  const table = frame.locator('#run-series table.numbers');
  assert.equal(await table.locator('tbody tr').count(), 5);
  assert.deepEqual(await table.locator('thead th').allTextContents(), ['seconds', 'q0', 'q1', 'q2', 'q3']);
  await frame.locator('#run-series').scrollIntoViewIfNeeded();
  await screenshot(page, `run-view-series-${await theme(page)}`);
});
