// UI tests: Debian's Chromium drives the real VS Code workbench (code-server) with the packaged .vsix installed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog, quickOpen, runCommand, screenshot, themeColourPixels } from './workbench';

const samples = path.join(repoRoot, 'samples');
const CAPTURE = 'iperf2-8-streams.pcap';
// An exact preset, so the queue matrix is shown and can be checked against the CLI.
const wb = useWorkbench(() => samples, { 'queueLens.preset': 'windows-pv-8.1' });

/** Pixels of the timeline in the theme's series colour. */
const seriesPixels = (frame: ReturnType<typeof activeWebview>) => themeColourPixels(frame, 'canvas#timeline', '--vscode-charts-blue');

test('quick open of the sample capture shows the Queue Lens editor with a painted chart', async () => {
  const page = wb.page;
  await quickOpen(page, CAPTURE);
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await frame.locator('h1').textContent(), CAPTURE);
  // The sample's real numbers (tshark agrees: 3633 packets, 16 flows).
  const summary = await frame.locator('dl.summary').innerText();
  assert.match(summary, /Packets\s+3,633/);
  assert.match(summary, /Flows\s+16/);
  assert.equal(await frame.locator('table.flows tbody tr').count(), 16);
  const px = await seriesPixels(frame);
  assert.ok(px.matching > 200, `the chart line is painted in the series colour ${px.colour}: ${px.matching} pixels of ${px.total}`);
  // The cancellable progress notification closes once the capture is read.
  await page.locator('.notification-toast', { hasText: 'Queue Lens: reading' }).waitFor({ state: 'hidden', timeout: 10_000 });
  await screenshot(page, 'capture-editor');

  // The queue matrix: every data flow's queue at n = 8 equals what the CLI computes for the same tuple.
  const matrixRows = frame.locator('table.matrix tbody tr');
  assert.equal(await matrixRows.count(), 8, 'the 8 iperf streams are the data flows');
  for (let i = 0; i < 8; i++) {
    const label = (await matrixRows.nth(i).locator('th').textContent()) ?? '';
    const m = /^(tcp|udp) (\S+):(\d+) → (\S+):(\d+)$/.exec(label);
    assert.ok(m, `flow label ${label}`);
    const cli = execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'hash', '--preset', 'windows-pv-8.1', '--proto', m[1], '--src', `${m[2]}:${m[3]}`, '--dst', `${m[4]}:${m[5]}`, '--queues', '8'], { encoding: 'utf8' });
    const q = /queue=(\d+)/.exec(cli)?.[1];
    assert.equal(await matrixRows.nth(i).locator('td').last().textContent(), `q${q}`, label);
  }
  await frame.locator('#spread').scrollIntoViewIfNeeded();
  await screenshot(page, 'capture-queue-spread');
  await frame.locator('canvas#timeline').screenshot({ path: path.join(repoRoot, 'test-results', 'capture-chart.png') });
});

test('the chart is redrawn in the new theme’s series colour when the theme changes', async () => {
  const page = wb.page;
  const frame = activeWebview(page);
  const before = await seriesPixels(frame);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  // Wait until the webview sees the new theme's colour, then for the chart to be painted in it.
  const until = Date.now() + 20_000;
  let after = await seriesPixels(frame);
  while ((after.colour === before.colour || after.matching < 200) && Date.now() < until) {
    await page.waitForTimeout(200);
    after = await seriesPixels(frame);
  }
  assert.notEqual(after.colour, before.colour, 'the theme changed the series colour');
  assert.ok(after.matching > 200, `the line is painted in the new colour ${after.colour}: ${after.matching} pixels`);
  await screenshot(page, 'capture-editor-other-theme');
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
});

test('"Correlate Capture with iperf Log…" puts the log’s streams next to the flows, as the CLI matches them', async () => {
  const page = wb.page;
  await page.locator('iframe.webview.ready:visible').last().click({ position: { x: 5, y: 5 } }); // the capture editor is active
  await runCommand(page, 'Queue Lens: Correlate Capture with iperf Log');
  await answerFileDialog(page, path.join(samples, 'iperf2-8-streams.iperf.log'));
  const frame = activeWebview(page);
  await frame.locator('body[data-correlated="true"]').waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'capture-correlation-failed');
    throw e;
  });
  const cli = JSON.parse(execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'correlate', path.join(samples, CAPTURE), path.join(samples, 'iperf2-8-streams.iperf.log'), '--json'], { encoding: 'utf8' })) as {
    matched: { byteRatio: number }[];
    unmatchedFlows: unknown[];
  };
  const rows = frame.locator('#correlation table tbody tr');
  assert.equal(await rows.count(), cli.matched.length);
  for (let i = 0; i < cli.matched.length; i++) {
    assert.equal(await rows.nth(i).locator('td').nth(4).textContent(), cli.matched[i].byteRatio.toFixed(3));
  }
  assert.equal(await frame.locator('#correlation ul li').count(), cli.unmatchedFlows.length, 'the stray VXLAN packets are listed as flows with no stream');
  await screenshot(page, 'capture-correlation');
});

test('the palette command "Queue Lens: Open Capture…" opens a capture through the file dialog', async () => {
  const page = wb.page;
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W'); // close editors so the next webview is the only one
  await runCommand(page, 'Queue Lens: Open Capture');
  await answerFileDialog(page, path.join(samples, CAPTURE));
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await frame.locator('h1').textContent(), CAPTURE);
  await screenshot(page, 'open-capture-command');
});

