// UI tests for issue 15 (extension side), in code-server + Chromium, checked against the CLI and the fixtures:
// the plan view (prefilled from the open capture, key shown, the CLI's ports), the sweep's own preset with the
// suggestion and "does not fit this run", an iperf3 -J log saved as *.out annotated by content, long iperf 2.1 -e
// connect lines labelled where they are seen, --bidir TX/RX. Screenshots in the dark and the light theme.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog, quickOpen, runCommand, screenshot } from './workbench';

/** A workspace of copies: a capture, its log as *.out, a long-line iperf 2.1 -e log, a --bidir log, a sweep with counters. */
function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-ui15-'));
  fs.copyFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng'), path.join(dir, 'capture.pcapng'));
  fs.copyFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), path.join(dir, 'client.out'));
  fs.copyFileSync(path.join(fixturesDir, 'public-iperf', 'iperf2-man-e-tcp-client.txt'), path.join(dir, 'enhanced-client.txt'));
  fs.copyFileSync(path.join(fixturesDir, 'iperf', 'iperf3-bidir-client.txt'), path.join(dir, 'bidir-client.txt'));
  fs.cpSync(path.join(fixturesDir, 'measured-queues'), path.join(dir, 'measured-queues'), { recursive: true });
  return dir;
}

const workspace = makeWorkspace();
const wb = useWorkbench(() => workspace, { 'queueLens.preset': 'linux-tx', 'queueLens.maxQueues': 8, 'editor.minimap.enabled': true, 'workbench.colorTheme': 'Default Dark Modern' });
const cli = (...argv: string[]): string => execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...argv], { encoding: 'utf8' });

/** Switches the workbench to a light or dark theme with the toggle the other UI tests use (theme names vary by version). */
async function setTheme(page: Page, name: 'Light Modern' | 'Dark Modern'): Promise<void> {
  const wantDark = name.startsWith('Dark');
  const isDark = async (): Promise<boolean> => (await page.locator('.monaco-workbench.vs-dark, .monaco-workbench.hc-black').count()) > 0;
  if ((await isDark()) !== wantDark) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const until = Date.now() + 10_000;
  while ((await isDark()) !== wantDark && Date.now() < until) await page.waitForTimeout(200);
  assert.equal(await isDark(), wantDark, `the workbench did not switch to a ${wantDark ? 'dark' : 'light'} theme`);
  await page.waitForTimeout(500);
}

/** Each rendered line's text and the CSS content of its decorations' ::before and ::after. */
async function decoratedLines(page: Page): Promise<{ text: string; before: string; after: string; beforeLeft: number; editorRight: number }[]> {
  type El = { textContent: string | null; querySelectorAll(s: string): ArrayLike<El>; getBoundingClientRect(): { left: number; right: number } ; closest(s: string): El | null };
  return page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els: El[]) => {
    const w = globalThis as unknown as { getComputedStyle(e: El, p?: string): { content: string } };
    const content = (el: El, pseudo: string): string => Array.from(el.querySelectorAll('span[class*="ced-"]'), (s) => w.getComputedStyle(s, pseudo).content)
      .filter((c) => c !== 'none' && c !== 'normal' && c !== '""').join('');
    return els.map((el) => ({
      text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
      before: content(el, '::before'),
      after: content(el, '::after'),
      beforeLeft: el.getBoundingClientRect().left,
      editorRight: el.closest('.monaco-editor')?.getBoundingClientRect().right ?? 0,
    }));
  });
}

const unquote = (css: string): string => (css.startsWith('"') ? (JSON.parse(css) as string) : css);

async function waitForLines(page: Page, probe: (l: Awaited<ReturnType<typeof decoratedLines>>) => boolean, what: string): Promise<Awaited<ReturnType<typeof decoratedLines>>> {
  const until = Date.now() + 30_000;
  for (;;) {
    const lines = await decoratedLines(page);
    if (probe(lines)) return lines;
    if (Date.now() > until) {
      await screenshot(page, `ui15-${what.replace(/\W+/g, '-')}-failed`);
      throw new Error(`timed out waiting for ${what}`);
    }
    await page.waitForTimeout(250);
  }
}

test('Plan Source Ports opens a plan view prefilled from the open capture, with the Toeplitz key and the CLI’s ports', async () => {
  const page = wb.page;
  await quickOpen(page, 'capture.pcapng');
  await activeWebview(page).locator('body[data-rendered="true"]').waitFor({ timeout: 90_000 });
  await runCommand(page, 'Queue Lens: Plan Source Ports');
  // linux-tx is a model: the exact preset is asked for
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="nic-rss-toeplitz"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.type('nic-rss-toeplitz');
  await page.keyboard.press('Enter');
  const input = page.locator('.quick-input-widget input');
  // server and client come from the capture's largest flow; streams and queues keep their defaults
  const expect = ['10.201.0.2:5201', '10.201.0.1', '8', '8'];
  for (const [i, value] of expect.entries()) {
    const until = Date.now() + 20_000;
    while ((await input.inputValue().catch(() => '')) !== value) {
      if (Date.now() > until) throw new Error(`the input box did not offer ${value}: ${await input.inputValue().catch(() => '?')}`);
      await page.waitForTimeout(100);
    }
    // 4 queues rather than the default 8: 8 consecutive ports spread evenly over 4 (none do over 8)
    if (i === 3) await input.fill('4');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  }
  await page.getByRole('tab', { name: /Plan: 8 streams over 4 queues/ }).waitFor({ timeout: 30_000 });
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"] table.plan-ports').first().waitFor({ timeout: 30_000 });
  const want = cli('plan', '--preset', 'nic-rss-toeplitz', '--src', '10.201.0.1', '--dst', '10.201.0.2:5201', '--flows', '8', '--queues', '4');
  const consecutive = /consecutive[^\n]*\n {2}ports ([\d ]+)\n {2}queues ([\d ]+)/.exec(want);
  assert.ok(consecutive, want);
  const rows = await frame.locator('table.plan-ports').first().locator('tbody tr').evaluateAll((trs: { children: ArrayLike<{ textContent: string | null }> }[]) =>
    trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));
  assert.equal(rows.map((r) => r[0]).join(' '), consecutive[1].trim());
  assert.equal(rows.map((r) => r[1].replace('q', '')).join(' '), consecutive[2].trim());
  const facts = await frame.locator('dl.plan-facts').innerText();
  assert.match(facts, /Microsoft's RSS verification key/);
  assert.match(facts, /the largest flow of capture\.pcapng \(10\.201\.0\.1:\d+ → 10\.201\.0\.2:5201\)/);
  assert.match(await frame.locator('.plan-key').innerText(), /^6d:5a:56:da:25:5b:0e:c2/);
  assert.equal(await frame.locator('button.copy').count(), 3, 'a copy button per command block');
  await screenshot(page, 'plan-view-dark');
  await setTheme(page, 'Light Modern');
  await screenshot(page, 'plan-view-light');
  await setTheme(page, 'Dark Modern');
  await runCommand(page, 'View: Close All Editors');
});

test('the sweep’s own preset: the picker suggests what the logs say, and an exact preset the counters contradict "does not fit this run"', async () => {
  const page = wb.page;
  await runCommand(page, 'Queue Lens: Compare Queue Counts');
  // With sweep folders (manifest.json) in the workspace a quick pick offers them first; else the dialog opens at once.
  const chooser = page.locator('.quick-input-list .monaco-list-row[aria-label*="Choose a folder"]').first();
  if (await chooser.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
    await page.keyboard.type('Choose a folder');
    await page.keyboard.press('Enter');
  }
  await answerFileDialog(page, path.join(workspace, 'measured-queues'));
  await page.getByRole('tab', { name: /Queue counts: measured-queues/ }).waitFor({ timeout: 60_000 });
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"] h1').waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'sweep-measured-failed');
    throw e;
  });
  await runCommand(page, 'Queue Lens: Choose Hash Preset');
  const suggestion = page.locator('.quick-input-list .monaco-list-row[aria-label*="Suggested: linux-tx"]').first();
  await suggestion.waitFor({ timeout: 20_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'preset-picker-suggestion-failed');
    throw e;
  });
  assert.match((await suggestion.getAttribute('aria-label')) ?? '', /Linux 6\.18\.44 in q2-k8-t1\/client\.json/);
  await screenshot(page, 'preset-picker-suggestion');
  await page.keyboard.type('windows-pv-8.1');
  await page.keyboard.press('Enter');
  const h1 = frame.locator('h1', { hasText: 'does not fit this run' });
  await h1.waitFor({ timeout: 90_000 });
  const json = JSON.parse(cli('sweep', path.join(workspace, 'measured-queues'), '--preset', 'windows-pv-8.1', '--json').split('\n')[0]) as { presetFit: { contradicted: number; runs: number }; sentences: string[] };
  const warning = await frame.locator('.warning').first().innerText();
  assert.match(warning, new RegExp(`^Preset windows-pv-8\\.1 does not fit this run: the counters contradict it in ${json.presetFit.contradicted} of ${json.presetFit.runs} runs`));
  const sentences = await frame.locator('.sentences').innerText();
  for (const s of json.sentences) assert.ok(sentences.includes(s), `the view says: ${s}`);
  assert.ok(!/the kernel used/i.test(sentences) || /\(measured\)/.test(sentences), 'no model answer as a fact');
  assert.match(await page.locator('.statusbar').innerText(), /windows-pv-8\.1 \(this run\)/);
  await screenshot(page, 'sweep-preset-misfit-dark');
  await setTheme(page, 'Light Modern');
  await screenshot(page, 'sweep-preset-misfit-light');
  await setTheme(page, 'Dark Modern');
  await runCommand(page, 'View: Close All Editors');
});

test('an iperf3 -J log saved as client.out is annotated by content; the status bar shows the preset', async () => {
  const page = wb.page;
  await quickOpen(page, 'client.out');
  const lines = await waitForLines(page, (ls) => ls.filter((l) => /→ q\?\/8 · linux-tx/.test(unquote(l.after))).length >= 1, 'annotations in client.out');
  assert.ok(lines.some((l) => /"connected"/.test(l.text) || /"local_port"/.test(l.text)));
  assert.match(await page.locator('.statusbar').innerText(), /linux-tx/);
  await screenshot(page, 'iperf-json-out-annotations');
});

test('long iperf 2.1 -e connect lines carry their label at the start, on screen; --bidir lines say TX or RX', async () => {
  const page = wb.page;
  await quickOpen(page, 'enhanced-client.txt');
  const lines = await waitForLines(page, (ls) => ls.some((l) => l.before !== ''), 'the label before a long line');
  const long = lines.filter((l) => / connected with /.test(l.text));
  assert.ok(long.length > 0 && long.every((l) => l.text.length > 100));
  for (const l of long) {
    assert.match(unquote(l.before), /^→ q\?\/8 · linux-tx/);
    assert.equal(l.after, '', 'no label past the end of a long line');
    assert.ok(l.beforeLeft < l.editorRight, 'the label starts inside the editor');
  }
  await screenshot(page, 'iperf-long-lines');
  await quickOpen(page, 'bidir-client.txt');
  const bidir = await waitForLines(page, (ls) => ls.some((l) => /^(TX|RX) →/.test(unquote(l.after))), 'TX/RX labels');
  // the CLI's stream table: "  5 TX-C   sender …" per stream, in log order
  const tags = [...cli('iperf', path.join(workspace, 'bidir-client.txt')).matchAll(/^ {2}\d+ (TX|RX)-[CS] /gm)].map((m) => m[1]);
  assert.equal(tags.length, 4);
  const shown = bidir.filter((l) => /connected to/.test(l.text)).map((l) => unquote(l.after).slice(0, 2));
  assert.deepEqual(shown, tags);
  await screenshot(page, 'iperf-bidir');
});
