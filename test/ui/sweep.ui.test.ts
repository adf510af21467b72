// UI test: "Queue Lens: Compare Queue Counts" on the sample experiment (real runs), checked against the CLI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, runCommand, screenshot, themeColourPixels } from './workbench';

const samples = path.join(repoRoot, 'samples');
const experiment = path.join(samples, 'experiment');
const wb = useWorkbench(() => samples, { 'queueLens.preset': 'linux-tx', 'queueLens.throughputModel': 'A' });

test('Compare Queue Counts on the sample experiment shows the measured means and the model band the CLI computes', async () => {
  const page = wb.page;
  await runCommand(page, 'Queue Lens: Compare Queue Counts');
  // The workspace's folders with a sweep manifest are offered first.
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="experiment"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'compare-queue-counts-failed');
    throw e;
  });
  const cli = JSON.parse(execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'sweep', experiment, '--preset', 'linux-tx', '--model', 'A', '--json'], { encoding: 'utf8' })) as {
    points: { n: number; meanBps?: number; lowBps: number; highBps: number }[];
    runs: unknown[];
    sentences: string[];
    trialDips: { trial: number; n: number; sentence: string }[];
  };
  const rows = frame.locator('table.numbers').first().locator('tbody tr');
  assert.equal(await rows.count(), cli.points.length);
  for (let i = 0; i < cli.points.length; i++) {
    const cells = rows.nth(i).locator('td');
    const p = cli.points[i];
    assert.equal(await cells.nth(0).textContent(), String(p.n));
    assert.equal(await cells.nth(2).textContent(), (p.meanBps! / 1e6).toFixed(1), `mean at n = ${p.n}`);
    assert.equal(await cells.nth(4).textContent(), `${(p.lowBps / 1e6).toFixed(1)}–${(p.highBps / 1e6).toFixed(1)}`, `band at n = ${p.n}`);
  }
  assert.equal(await frame.locator('table.numbers').nth(1).locator('tbody tr').count(), cli.runs.length);
  const sentences = await frame.locator('.sentences').innerText();
  for (const s of cli.sentences) assert.ok(sentences.includes(s), `the view says: ${s}`);
  // The chart is painted: the measured-mean line's colour (charts-orange) is on the canvas.
  const painted = await frame.locator('#sweep-chart').evaluate((canvas: { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 80) coloured++;
    return coloured;
  });
  assert.ok(painted > 500, `coloured chart pixels: ${painted}`);
  // The trial that dips (the CLI's trialDips: trial 2 at 8 queues) is drawn in charts-red; no other series is.
  assert.ok(cli.trialDips.length > 0 && sentences.includes(cli.trialDips[0].sentence));
  await screenshot(page, 'compare-queue-counts');
  const red = await themeColourPixels(frame, '#sweep-chart', '--vscode-charts-red');
  // a 2-px antialiased line: ~80 pixels of the exact colour; none when the trial is drawn in another colour
  assert.ok(red.matching > 50, `the dipping trial is drawn in ${red.colour}: ${red.matching} pixels`);
});

test('Compare Queue Counts on 20 one-run sweeps counts the falls at each n against the model, as the CLI does', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Queue Lens: Compare Queue Counts');
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="one-run-sweeps"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.type('one-run-sweeps');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: /Queue counts: one-run-sweeps/ }).waitFor({ timeout: 20_000 });
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"] h1', { hasText: 'one-run-sweeps' }).waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'one-run-sweeps-failed');
    throw e;
  });
  const cli = JSON.parse(execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'sweep', path.join(samples, 'one-run-sweeps'), '--preset', 'linux-tx', '--model', 'A', '--json'], { encoding: 'utf8' })) as {
    points: { n: number; trialSteps?: { steps: number; fell: number; expected: number; pValue: number } }[];
    trialDips: { trial: number; n: number }[];
    sentences: string[];
  };
  const rows = frame.locator('table.numbers').first().locator('tbody tr');
  assert.equal(await rows.count(), cli.points.length);
  for (let i = 0; i < cli.points.length; i++) {
    const t = cli.points[i].trialSteps;
    const want = t ? `${t.fell} / ${t.expected.toFixed(1)} of ${t.steps} (p ${t.pValue.toFixed(2)})` : '–';
    assert.equal(await rows.nth(i).locator('td').last().textContent(), want, `n = ${cli.points[i].n}`);
  }
  const sentences = await frame.locator('.sentences').innerText();
  for (const s of cli.sentences) assert.ok(sentences.includes(s), `the view says: ${s}`);
  // The runs table marks exactly the runs the CLI lists as falls of their own trial.
  const runRows = frame.locator('table.numbers').nth(1).locator('tbody tr');
  const marked: string[] = [];
  for (let i = 0; i < (await runRows.count()); i++) {
    if ((await runRows.nth(i).locator('td').last().textContent()) === 'fell') marked.push((await runRows.nth(i).locator('td').first().textContent()) ?? '');
  }
  assert.deepEqual(marked.sort(), cli.trialDips.map((d) => `q${d.n}-t${d.trial}.iperf.log`).sort());
  // Twenty trials are dots, not lines; the runs that fell below their own trial's n−1 run are red.
  const red = await themeColourPixels(frame, '#sweep-chart', '--vscode-charts-red');
  assert.ok(red.matching > 100, `the falls are drawn in ${red.colour}: ${red.matching} pixels`);
  await screenshot(page, 'compare-one-run-sweeps');
});
