// UI tests for issue 15 (the analyst's first hour), checked against the CLI and the fixtures: tunnelled flows counted
// once, the flow table sorted by bytes with visible arrows, hover text equal to FIGURE_HELP, a key with 16+ distinct
// colours in both themes, a styled error view and "no packets" in words. Screenshots in the dark and light theme.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { FIGURE_HELP } from '../../src/shared/figureHelp';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { quickOpen, runCommand, screenshot } from './workbench';

const SAMPLE = 'iperf2-8-streams.pcap';
const VXLAN = 'capture-vxlan.pcap';
const NOT_A_CAPTURE = 'not-a-capture.pcap';
const NO_PACKETS = 'header-only.pcap';
const CUT_GZIP = 'cut-short.pcap.gz';

let workspace = '';
const wb = useWorkbench(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-i15-'));
  fs.copyFileSync(path.join(repoRoot, 'samples', SAMPLE), path.join(workspace, SAMPLE));
  fs.copyFileSync(path.join(fixturesDir, 'iperf3-tcp8-vxlan', VXLAN), path.join(workspace, VXLAN));
  fs.copyFileSync(path.join(fixturesDir, 'bad', NOT_A_CAPTURE), path.join(workspace, NOT_A_CAPTURE));
  // The sample's own 24-byte pcap file header and nothing after it: a valid capture of no packets.
  fs.writeFileSync(path.join(workspace, NO_PACKETS), fs.readFileSync(path.join(repoRoot, 'samples', SAMPLE)).subarray(0, 24));
  // The VXLAN fixture gzip-compressed, cut after 20 bytes.
  fs.writeFileSync(path.join(workspace, CUT_GZIP), gzipSync(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-vxlan', VXLAN))).subarray(0, 20));
  return workspace;
}, { 'queueLens.preset': 'windows-pv-8.1' });
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

interface CliFlow { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number }; aToB: { bytes: number }; bToA: { bytes: number }; tunnel?: { a: { ip: string; port: number }; b: { ip: string; port: number } } }
const cliFlows = (file: string): CliFlow[] =>
  (JSON.parse(execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'flows', file, '--json'], { encoding: 'utf8' })) as { flows: CliFlow[] }).flows;
const bytesOf = (f: CliFlow): number => f.aToB.bytes + f.bToA.bytes;
const endpoint = (e: { ip: string; port: number }): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

/** The content frame of the webview showing `name`: a closed editor's frame can linger, so the last one is not enough. */
async function webviewOf(page: Page, name: string, ready: string): Promise<FrameLocator> {
  const until = Date.now() + 60_000;
  for (;;) {
    const frames = page.locator('iframe.webview.ready:visible');
    for (let i = (await frames.count()) - 1; i >= 0; i--) {
      const frame = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      const mine = frame.locator('h1, #error .error-message', { hasText: name }).first();
      if ((await mine.count().catch(() => 0)) > 0 && (await frame.locator(ready).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview shows ${name} (${ready})`);
    await page.waitForTimeout(250);
  }
}

async function open(page: Page, name: string, ready = 'body[data-rendered="true"]'): Promise<{ frame: FrameLocator; ms: number }> {
  // one editor at a time, so the visible webview is this file's
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, name);
  // from the Enter in Quick Open (the file index may need a few tries before) to the page's answer
  const t0 = Date.now();
  const frame = await webviewOf(page, name, ready);
  return { frame, ms: Date.now() - t0 };
}

/** 'light' or 'dark', as the webview sees the theme: names the screenshots. */
async function themeOf(frame: FrameLocator): Promise<string> {
  return /vscode-light/.test((await frame.locator('body').getAttribute('class')) ?? '') ? 'light' : 'dark';
}

async function toggleTheme(page: Page, frame: FrameLocator): Promise<void> {
  const before = await frame.locator('body').getAttribute('class');
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const until = Date.now() + 20_000;
  while ((await frame.locator('body').getAttribute('class')) === before && Date.now() < until) await page.waitForTimeout(200);
  await page.waitForTimeout(500); // the charts are rebuilt on the class change
}

async function keyColours(frame: FrameLocator, chart: string): Promise<{ entries: number; distinct: number; series: number; first: string; blue: string }> {
  const key = frame.locator(`div:has(> div.chart > canvas#${chart}) ul.key`);
  const colours = await key.locator('li').evaluateAll((lis) => lis.map((li) => (li as unknown as { getAttribute(n: string): string }).getAttribute('data-colour')));
  const series = (await frame.locator(`div:has(> div.chart > canvas#${chart}) details.chart-data thead th`).count()) - 1;
  const blue = await frame.locator('body').evaluate((b) => {
    const w = globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(n: string): string } };
    return w.getComputedStyle(b).getPropertyValue('--vscode-charts-blue').trim().toLowerCase();
  });
  return { entries: colours.length, distinct: new Set(colours).size, series, first: colours[0] ?? '', blue };
}

test('the flow table opens sorted by bytes, largest first, with sort arrows; hover texts are FIGURE_HELP; a key of 16 distinct colours in both themes', async () => {
  const page = wb.page;
  const { frame, ms } = await open(page, SAMPLE);
  // Not asserted (no timing assertions): the figure for the report, first capture after the page load.
  console.log(`# first capture after page load: ${ms} ms from Quick Open to the rendered page`);
  const heads = frame.locator('table.flows thead th');
  const n = await heads.count();
  for (let i = 0; i < n; i++) {
    const sort = await heads.nth(i).getAttribute('aria-sort');
    assert.ok(sort === 'none' || sort === 'descending', `column ${i} has aria-sort`);
    assert.match((await heads.nth(i).locator('.sort-arrow').textContent()) ?? '', /[▲▼↕]/);
  }
  const sorted = frame.locator('table.flows thead th[aria-sort="descending"]');
  assert.equal(await sorted.count(), 1);
  assert.equal((await sorted.innerText()).replace(/\s+/g, ' ').trim(), 'Bytes ▼');
  assert.equal(await sorted.getAttribute('title'), FIGURE_HELP.flowBytes);
  // First row = the CLI's largest flow.
  const flows = cliFlows(path.join(workspace, SAMPLE));
  const largest = [...flows].sort((x, y) => bytesOf(y) - bytesOf(x))[0];
  const first = frame.locator('table.flows tbody tr').first().locator('td');
  assert.equal(await first.nth(1).textContent(), endpoint(largest.a));
  assert.equal(await first.nth(2).textContent(), endpoint(largest.b));
  // Clicking sorts ascending, arrow and aria-sort follow.
  await sorted.click();
  assert.equal(await frame.locator('table.flows thead th[aria-sort="ascending"] .sort-arrow').textContent(), ' ▲');
  await frame.locator('table.flows thead th[aria-sort="ascending"]').click();
  // Hover texts: chart captions, info lines, table headers of the queue view.
  assert.equal(await frame.locator('h2', { hasText: 'Packets per second' }).getAttribute('title'), FIGURE_HELP.packetRate);
  assert.equal(await frame.locator('h2', { hasText: 'Throughput of the largest flows' }).getAttribute('title'), FIGURE_HELP.flowThroughput);
  assert.equal(await frame.locator('p.help span[data-help="packetRate"]').getAttribute('title'), FIGURE_HELP.packetRate);
  assert.equal(await frame.locator('table.numbers th', { hasText: /^P\(balanced\)$/ }).getAttribute('title'), FIGURE_HELP.pBalanced);
  assert.equal(await frame.locator('table.numbers th', { hasText: /^Jain$/ }).getAttribute('title'), FIGURE_HELP.jain);
  await frame.locator('table.flows thead th').nth(3).hover();
  await screenshot(page, `i15-flow-table-${await themeOf(frame)}`);
  // The throughput chart of the sample's 16 flows: a key entry and a distinct colour per flow, in both themes.
  for (const round of [1, 2]) {
    const theme = await themeOf(frame);
    const k = await keyColours(frame, 'flow-throughput');
    assert.ok(k.series >= 16, `the chart draws ${k.series} flows`);
    assert.equal(k.entries, k.series, 'every line has its key entry');
    assert.ok(k.distinct >= 16, `${k.distinct} distinct colours in the ${theme} theme`);
    assert.equal(k.first, k.blue, 'the first series is the theme’s --vscode-charts-blue');
    await frame.locator('canvas#flow-throughput').scrollIntoViewIfNeeded();
    await screenshot(page, `i15-throughput-key-${theme}`);
    if (round === 1) await toggleTheme(page, frame);
  }
});

test('iperf3 -P 8 over VXLAN: 8 data flows in the queue view (as many as the CLI’s inner flows), inner flows nested under their carriers', async () => {
  const page = wb.page;
  const { frame } = await open(page, VXLAN);
  const flows = cliFlows(path.join(workspace, VXLAN));
  const inner = flows.filter((f) => f.tunnel);
  const innerBytes = inner.reduce((s, f) => s + bytesOf(f), 0);
  // The CLI's tunnelled flows carrying ≥ 1 % of the tunnelled bytes: the 8 iperf3 streams (not the control connection).
  const cliData = inner.filter((f) => bytesOf(f) >= 0.01 * innerBytes);
  assert.equal(cliData.length, 8);
  assert.equal(await frame.locator('table.matrix tbody tr').count(), cliData.length, 'one matrix row per data flow, not one per inner and one per outer flow');
  assert.match(await frame.locator('#spread .preset').innerText(), /^8 data flows/m);
  // The table nests each inner flow under the outer UDP flow that carried it.
  const rows = frame.locator('table.flows tbody tr');
  assert.match((await rows.nth(0).innerText()).replace(/\s+/g, ' '), /^udp .* carrier \(outer UDP\)/);
  const second = (await rows.nth(1).innerText()).replace(/\s+/g, ' ');
  assert.match(second, /^↳ tcp 10\.203\.0\.1:\d+ 10\.203\.0\.2:5201 (.* )?vxlan 42 via 10\.201\.0\.1:\d+ → 10\.201\.0\.2:4789/);
  assert.equal(await rows.nth(1).getAttribute('class'), 'nested');
  await frame.locator('table.flows').scrollIntoViewIfNeeded();
  await screenshot(page, `i15-vxlan-${await themeOf(frame)}`);
  await frame.locator('#spread').scrollIntoViewIfNeeded();
  await screenshot(page, `i15-vxlan-spread-${await themeOf(frame)}`);
});


test('a file that is not a capture shows a styled error view saying what was expected, where, and how to reopen it', async () => {
  const page = wb.page;
  const { frame } = await open(page, NOT_A_CAPTURE, '#error');
  const text = (await frame.locator('#error').innerText()).replace(/\s+/g, ' ');
  const cli = (() => { try { execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'flows', path.join(workspace, NOT_A_CAPTURE)], { encoding: 'utf8', stdio: 'pipe' }); return ''; } catch (e) { return String((e as { stderr: string }).stderr); } })();
  assert.match(cli, /unknown magic number/);
  assert.match(text, /Queue Lens cannot show this file/);
  assert.match(text, /not-a-capture\.pcap: not a pcap or pcapng capture \(unknown magic number\) \(at byte offset 0\)/);
  assert.match(text, /pcap or pcapng, plain or gzip-compressed/);
  assert.match(text, /byte offset 0 of the file/);
  assert.match(text, /Reopen Editor With…/);
  assert.ok(!text.includes(workspace), `the file is named as the Explorer shows it, not by its full path: ${text}`);
  assert.equal(await frame.locator('canvas').count(), 0);
  await screenshot(page, `i15-error-view-${await themeOf(frame)}`);
  await toggleTheme(page, frame);
  await screenshot(page, `i15-error-view-${await themeOf(frame)}`);
  const cut = await open(page, CUT_GZIP, '#error');
  const gz = (await cut.frame.locator('#error').innerText()).replace(/\s+/g, ' ');
  assert.match(gz, /cut-short\.pcap\.gz: truncated gzip/);
  assert.doesNotMatch(gz, /magic number/);
  assert.match(gz, /cut short/);
  await screenshot(page, `i15-error-gzip-${await themeOf(cut.frame)}`);
});

test('a capture with no packets says so in words, with no empty chart frames', async () => {
  const page = wb.page;
  const { frame } = await open(page, NO_PACKETS);
  assert.match(await frame.locator('dl.summary').innerText(), /Packets\s+0/);
  assert.match(await frame.locator('#no-packets').innerText(), /holds no packets/);
  assert.equal(await frame.locator('canvas').count(), 0);
  assert.equal(await frame.locator('#spread').count(), 0);
  await screenshot(page, `i15-no-packets-${await themeOf(frame)}`);
  await toggleTheme(page, frame);
  await screenshot(page, `i15-no-packets-${await themeOf(frame)}`);
});
