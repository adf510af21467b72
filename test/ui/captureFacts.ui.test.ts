// UI tests (issue 15, the analyst's first hour): what the capture view says about the file itself — gzip-compressed
// pcapng, dumpcap's statistics comments, IPv6 endpoints, a key for many flows — and how it names tunnelled flows,
// each checked against the CLI or the fixture's tshark-derived reference.json, in the dark and the light theme.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { FrameLocator, Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { quickOpen, runCommand, screenshot } from './workbench';

const IPV6_DIR = path.join(fixturesDir, 'iperf3-tcp16-ipv6-dumpcap');
const IPV6 = 'capture.pcapng.gz';
const VXLAN = 'capture-vxlan.pcap';
const PRESET = 'windows-pv-8.1';

let workspace = '';
const wb = useWorkbench(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-facts-'));
  fs.copyFileSync(path.join(IPV6_DIR, IPV6), path.join(workspace, IPV6));
  fs.copyFileSync(path.join(fixturesDir, 'iperf3-tcp8-vxlan', VXLAN), path.join(workspace, VXLAN));
  return workspace;
}, { 'queueLens.preset': PRESET });
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

interface Endpoint { ip: string; port: number }
interface Flow { proto: string; a: Endpoint; b: Endpoint; aToB: { bytes: number }; bToA: { bytes: number }; tunnel?: { a: Endpoint; b: Endpoint } }
const cli = (...args: string[]): string => execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
const cliFlows = (file: string): { format: string; flows: Flow[] } => JSON.parse(cli('flows', file, '--json')) as { format: string; flows: Flow[] };
// Written out here rather than imported, so a wrong formatter cannot agree with itself.
const endpoint = (e: Endpoint): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);
const bytesOf = (f: Flow): number => f.aToB.bytes + f.bToA.bytes;
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The content frame of the webview showing `name` once rendered (a closed editor's frame can linger). */
async function open(page: Page, name: string): Promise<FrameLocator> {
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, name);
  const until = Date.now() + 90_000;
  for (;;) {
    const frames = page.locator('iframe.webview.ready:visible');
    for (let i = (await frames.count()) - 1; i >= 0; i--) {
      const frame = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if ((await frame.locator('h1', { hasText: name }).count().catch(() => 0)) > 0 && (await frame.locator('body[data-rendered="true"] #spread').count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview shows ${name}`);
    await page.waitForTimeout(250);
  }
}

/** Switches the workbench to the light or dark theme and waits until the webview (and its charts) follow. */
async function setTheme(page: Page, frame: FrameLocator, want: 'light' | 'dark'): Promise<void> {
  const theme = async (): Promise<string> => (/vscode-light/.test((await frame.locator('body').getAttribute('class')) ?? '') ? 'light' : 'dark');
  if ((await theme()) !== want) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const until = Date.now() + 30_000;
  while ((await theme()) !== want && Date.now() < until) await page.waitForTimeout(200);
  assert.equal(await theme(), want, `the webview did not switch to the ${want} theme`);
  await page.waitForTimeout(800); // the charts are rebuilt on the class change
}

/** The key under a chart: each entry's label and swatch colour, and the series its data table holds. */
async function chartKey(frame: FrameLocator, canvas: string): Promise<{ labels: string[]; colours: string[]; series: string[] }> {
  const holder = frame.locator(`div:has(> div.chart > canvas#${canvas})`);
  const items = holder.locator('ul.key li');
  const labels = await items.locator('.key-label').allTextContents();
  const colours = await items.evaluateAll((lis) => lis.map((li) => (li as unknown as { getAttribute(n: string): string }).getAttribute('data-colour')));
  const series = (await holder.locator('details.chart-data thead th').allTextContents()).slice(1);
  return { labels, colours, series };
}

/** pcapng comments (option 1) of each block of a given type, read straight from the (decompressed) file. */
function blockComments(file: Buffer, type: number): string[] {
  const out: string[] = [];
  for (let p = 0; p + 12 <= file.length;) {
    const t = file.readUInt32LE(p);
    const len = file.readUInt32LE(p + 4);
    const optionsAt = t === 5 ? 20 : t === 0x0a0d0d0a ? 24 : t === 1 ? 16 : -1;
    if (t === type && optionsAt > 0) {
      for (let q = p + optionsAt; q + 4 <= p + len - 4;) {
        const code = file.readUInt16LE(q);
        const n = file.readUInt16LE(q + 2);
        if (code === 0) break;
        if (code === 1) out.push(file.toString('utf8', q + 4, q + 4 + n));
        q += 4 + ((n + 3) & ~3);
      }
    }
    p += len;
  }
  return out;
}

test('a gzip-compressed dumpcap pcapng of 16 IPv6 iperf3 streams: format, comments, endpoints and a key for every flow, as the CLI and tshark have them', async () => {
  const page = wb.page;
  const file = path.join(workspace, IPV6);
  const raw = fs.readFileSync(file);
  const ref = JSON.parse(fs.readFileSync(path.join(IPV6_DIR, 'reference.json'), 'utf8')) as { format: string; packets: number; flows: Flow[] };
  const fromCli = cliFlows(file);
  const frame = await open(page, IPV6);
  await setTheme(page, frame, 'dark');
  const summary = frame.locator('dl.summary');
  const row = async (label: string): Promise<string> => squash(await summary.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').innerText());

  // (a) gzip by its magic bytes, pcapng inside (tshark's reference and the CLI both read pcapng): the header says both.
  assert.deepEqual([raw[0], raw[1]], [0x1f, 0x8b], 'the file is gzip data');
  assert.equal(gunzipSync(raw).readUInt32LE(0), 0x0a0d0d0a, 'a pcapng section header inside');
  assert.equal(ref.format, 'pcapng');
  assert.equal(fromCli.format, 'pcapng');
  assert.equal(await row('Format'), 'gzip-compressed pcapng');
  assert.equal(await row('Packets'), ref.packets.toLocaleString('en-US'));

  // (b) dumpcap wrote its statistics comment into both interfaces' statistics blocks: shown once, labelled, counted.
  const isb = blockComments(gunzipSync(raw), 5);
  assert.deepEqual(isb, ['Counters provided by dumpcap', 'Counters provided by dumpcap']);
  assert.deepEqual(blockComments(gunzipSync(raw), 0x0a0d0d0a), [], 'no section comment');
  assert.equal(await summary.locator('p.comment').count(), 1, 'the same comment once, not once per block');
  assert.equal(await row('Comment in the file'), 'Counters provided by dumpcap (in 2 blocks)');
  const body = await frame.locator('body').innerText();
  assert.equal(body.split('Counters provided by dumpcap').length - 1, 1, 'nowhere else on the page');
  // dumpcap's own report (capture.log) dropped nothing on either interface, and the statistics blocks say so.
  assert.match(fs.readFileSync(path.join(IPV6_DIR, 'capture.log'), 'utf8'), /'vcA': 2183\/0 /);
  assert.equal(await row('Drops'), '0');

  // (c) IPv6 endpoints in brackets, cell for cell as the CLI prints them, for every flow of tshark's reference.
  const cliText = cli('flows', file);
  const table = frame.locator('table.flows tbody tr');
  assert.equal(await table.count(), ref.flows.length);
  const shown = new Set<string>();
  for (let i = 0; i < ref.flows.length; i++) {
    const cells = table.nth(i).locator('td');
    const [a, b] = [squash(await cells.nth(1).innerText()), squash(await cells.nth(2).innerText())];
    assert.match(a, /^\[fd00:215::1\]:\d+$/);
    assert.match(cliText, new RegExp(`tcp +${a.replace(/[[\]]/g, '\\$&')} +${b.replace(/[[\]]/g, '\\$&')} `), `${a} ${b} as the CLI prints it`);
    shown.add(`${a} ${b}`);
  }
  assert.deepEqual([...shown].sort(), ref.flows.map((f) => `${endpoint(f.a)} ${endpoint(f.b)}`).sort(), 'the flows of tshark’s reference, none twice');
  // The queue matrix names the 16 iperf3 streams (the control connection has under 1 % of the bytes) in the same form.
  const total = ref.flows.reduce((s, f) => s + bytesOf(f), 0);
  const data = ref.flows.filter((f) => bytesOf(f) >= 0.01 * total);
  assert.equal(data.length, 16);
  const matrix = (await frame.locator('table.matrix tbody th').allTextContents()).sort();
  assert.deepEqual(matrix, data.map((f) => `tcp ${endpoint(f.a)} → ${endpoint(f.b)}`).sort());
  // and hashes each as the CLI does, bracketed addresses and all (the n = 8 column)
  const matrixRows = frame.locator('table.matrix tbody tr');
  for (let i = 0; i < data.length; i++) {
    const m = /^tcp (\S+) → (\S+)$/.exec((await matrixRows.nth(i).locator('th').textContent()) ?? '');
    assert.ok(m);
    const q = /queue=(\d+)/.exec(cli('hash', '--preset', PRESET, '--proto', 'tcp', '--src', m[1], '--dst', m[2], '--queues', '8'))?.[1];
    assert.equal(await matrixRows.nth(i).locator('td').last().textContent(), `q${q}`, m[0]);
  }
  await screenshot(page, 'facts-ipv6-summary-dark');

  // (d) 17 flows, 17 lines: one key entry per line, labelled by port (both addresses are shared and said once),
  // in 17 distinct colours, in both themes.
  const ports = ref.flows.map((f) => `:${f.a.port} → :${f.b.port}`).sort();
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, frame, theme);
    const key = await chartKey(frame, 'flow-throughput');
    assert.equal(key.labels.length, ref.flows.length, `${theme}: every flow has its key entry`);
    assert.deepEqual([...key.labels].sort(), ports, `${theme}: each entry names its flow by port`);
    assert.deepEqual([...key.series].sort(), ports, `${theme}: the chart's data table has the same series`);
    assert.equal(new Set(key.colours).size, key.colours.length, `${theme}: distinct colours ${key.colours.join(' ')}`);
    const fits = await frame.locator('div:has(> div.chart > canvas#flow-throughput) ul.key').evaluate((e) => {
      const k = e as unknown as { scrollHeight: number; clientHeight: number };
      return k.scrollHeight <= k.clientHeight + 1;
    });
    assert.ok(fits, `${theme}: all 17 key entries are in sight, none behind the key's scroll bar`);
    assert.equal(squash(await frame.locator('div:has(> div.chart > canvas#flow-throughput) > p.muted').innerText()),
      'All flows: tcp [fd00:215::1] → [fd00:215::2]; each line is labelled by its ports.');
    await frame.locator('canvas#flow-throughput').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-ipv6-throughput-${theme}`);
    await frame.locator('table.matrix').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-ipv6-matrix-${theme}`);
    await frame.locator('h1').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-ipv6-summary-${theme}`);
  }
  await setTheme(page, frame, 'dark');
});

test('a VXLAN-tunnelled iperf3 stream is named by its inner flow in the queue view, its carrier said beside it, and hashed by the carrier as the NIC does', async () => {
  const page = wb.page;
  const file = path.join(workspace, VXLAN);
  const flows = cliFlows(file).flows;
  const cliText = cli('flows', file);
  const inner = flows.filter((f) => f.tunnel);
  const innerBytes = inner.reduce((s, f) => s + bytesOf(f), 0);
  const data = inner.filter((f) => bytesOf(f) >= 0.01 * innerBytes);
  assert.equal(data.length, 8, 'the 8 iperf3 streams');
  const frame = await open(page, VXLAN);
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, frame, theme);
    const rows = frame.locator('table.matrix tbody tr');
    assert.equal(await rows.count(), data.length);
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i++) {
      const th = rows.nth(i).locator('th');
      const label = await th.evaluate((e) => (e as unknown as { firstChild: { textContent: string } }).firstChild.textContent);
      const flow = data.find((f) => `tcp ${endpoint(f.a)} → ${endpoint(f.b)}` === label);
      assert.ok(flow, `row ${i} "${label}" is one of the CLI's inner iperf3 flows`);
      seen.add(label);
      const outer = flow.tunnel!;
      // the tunnel's kind and VNI as the CLI's text table prints them for this flow
      assert.match(cliText, new RegExp(`${endpoint(flow.a)} +${endpoint(flow.b)} .* vxlan 42 via ${endpoint(outer.a)} -> ${endpoint(outer.b)}\\n`));
      assert.equal(await th.locator('span.via').textContent(), `via VXLAN 42 ${endpoint(outer.a)} → ${endpoint(outer.b)}`);
      assert.match((await th.locator('span.via').getAttribute('title')) ?? '', /hashed by its carrier/);
      // hashed by the outer UDP flow: the queue at n = 8 is the CLI's for the carrier's tuple
      const q = /queue=(\d+)/.exec(cli('hash', '--preset', PRESET, '--proto', 'udp', '--src', endpoint(outer.a), '--dst', endpoint(outer.b), '--queues', '8'))?.[1];
      assert.equal(await rows.nth(i).locator('td').last().textContent(), `q${q}`, label);
    }
    assert.equal(seen.size, data.length, 'each stream once');
    assert.match(squash(await frame.locator('#spread .preset').innerText()), /named by their inner flow but hashed by their outer UDP flow/);
    // the load chart's key: the streams by port, their shared addresses said once
    const key = await chartKey(frame, 'queue-load');
    assert.deepEqual([...key.labels].sort(), data.map((f) => `:${f.a.port} → :${f.b.port}`).sort());
    assert.equal(new Set(key.colours).size, key.colours.length, `${theme}: distinct colours`);
    await frame.locator('table.matrix').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-vxlan-matrix-${theme}`);
    await frame.locator('div:has(> div.chart > canvas#queue-load) ul.key').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-vxlan-load-${theme}`);
    // the odds chart's key names both lines (its dashed line drawn as a dashed swatch)
    const odds = await chartKey(frame, 'odds');
    assert.deepEqual(odds.labels, ['P(balanced)', 'P(slower than n−1)']);
    assert.equal(new Set(odds.colours).size, 2);
    await frame.locator('div:has(> div.chart > canvas#odds) ul.key').scrollIntoViewIfNeeded();
    await screenshot(page, `facts-vxlan-odds-${theme}`);
  }
  await setTheme(page, frame, 'dark');
});
