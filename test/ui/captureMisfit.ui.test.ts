// UI test: a capture whose run's per-queue counters lie beside it, opened under an exact preset the counters
// contradict (windows-pv-8.1 on measured-queues' 5-queue run). The capture editor says "Preset … does not fit this
// run" with `queue-lens observed --preset`'s sentence, at the top of the queue view and in Measured queues, and the
// model column is the preset's answer, marked where the counters rule it out. Dark and light theme screenshots.
// Also: a capture's warnings name a file inside the workspace by its workspace-relative path.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog as answerDialog, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');
const PRESET = 'windows-pv-8.1';
const wb = useWorkbench(() => samples, { 'queueLens.preset': PRESET, 'queueLens.throughputModel': 'A', 'editor.minimap.enabled': false });

interface Fit { preset: string; fits: boolean; queues: number; text: string; streams: { localPort: number; queue: number; allowed: boolean }[] }

function cliFit(): Fit {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'observed', RUN, '--preset', PRESET, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as { presetFit: Fit }).presetFit;
}

/** The file dialog, typed again if a busy workbench replaced the path while listing the folder. */
async function answerFileDialog(page: Page, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const until = Date.now() + 30_000;
  while (!(await input.inputValue().catch(() => '')).startsWith('/') || (await page.locator('.quick-input-list .monaco-list-row').count()) === 0) {
    if (Date.now() > until) { await screenshot(page, 'capture-misfit-dialog-failed'); throw new Error('the file dialog did not open'); }
    await page.waitForTimeout(100);
  }
  for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== target; attempt++) {
    await input.fill(target);
    await page.waitForTimeout(500);
  }
  await answerDialog(page, target);
}

test('a preset the run’s counters contradict: "does not fit this run" atop the queue view and in Measured queues, as the CLI says', async () => {
  const page = wb.page;
  const fit = cliFit();
  assert.equal(fit.fits, false);
  assert.match(fit.text, /^Preset windows-pv-8\.1 does not fit this run: /);
  await runCommand(page, 'Queue Lens: Open Capture…');
  await answerFileDialog(page, path.join(RUN, 'capture.pcap'));
  await runCommand(page, 'View: Close Primary Side Bar');
  const frame = activeWebview(page);
  await frame.locator('body[data-observed="true"] #spread .preset-fit').waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'capture-misfit-failed');
    throw e;
  });
  // the same sentence in both places, as a warning
  const top = frame.locator('#spread .preset-fit');
  const inSection = frame.locator('#observed .preset-fit');
  assert.equal(await top.textContent(), fit.text);
  assert.equal(await inSection.textContent(), fit.text);
  for (const p of [top, inSection]) {
    assert.equal(await p.getAttribute('data-fits'), 'false');
    assert.equal(await p.getAttribute('class'), 'warning preset-fit');
  }
  // it heads the queue view: right under its title, before the preset's description
  assert.equal(await frame.locator('#spread .preset > :nth-child(2)').getAttribute('data-where'), 'spread');
  // the model column: the preset's queue, said to be the model's, and marked where the counters rule it out
  assert.equal(await frame.locator('table.observed th').nth(3).textContent(), 'queue (model’s answer)');
  const rows = frame.locator('table.observed tbody tr');
  assert.equal(await rows.count(), fit.streams.length);
  for (let i = 0; i < fit.streams.length; i++) {
    const cells = rows.nth(i);
    const port = Number(await cells.locator('td').nth(0).textContent());
    const s = fit.streams.find((x) => x.localPort === port);
    assert.ok(s, `port ${port} in the CLI's fit`);
    assert.equal(await cells.locator('td').nth(3).textContent(), `q${s.queue}/${fit.queues} · ${PRESET} (model${s.allowed ? '' : '; the counters rule it out'})`);
  }
  await frame.locator('#observed').scrollIntoViewIfNeeded();
  const theme = async (): Promise<string> => ((await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? 'dark' : 'light');
  // the warning follows the theme and stays readable in both: its text against its own (warning) background
  const contrast = (): Promise<number> => top.evaluate((el) => {
    const lum = (c: string): number => {
      const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const w = globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } };
    const fg = lum(w.getComputedStyle(el).color);
    const bg = lum(w.getComputedStyle(el).backgroundColor);
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  });
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    if (i > 0) {
      await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.waitForTimeout(1500);
    }
    const t = await theme();
    seen.push(t);
    await screenshot(page, `capture-misfit-${t}`);
    const c = await contrast();
    assert.ok(c >= 4.5, `${t}: warning contrast ${c.toFixed(2)}`);
  }
  assert.deepEqual([...seen].sort(), ['dark', 'light']);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
});

test('a capture inside the workspace: its warning names the file by its workspace-relative path, as the Explorer does', async () => {
  const page = wb.page;
  await runCommand(page, 'View: Close All Editors');
  const dir = fs.mkdtempSync(path.join(samples, '.queue-lens-paths-'));
  try {
    const file = path.join(dir, 'cut.pcap');
    fs.copyFileSync(path.join(fixturesDir, 'bad', 'truncated-mid-record.pcap'), file);
    await runCommand(page, 'Queue Lens: Open Capture…');
    await answerFileDialog(page, file);
    const frame = activeWebview(page);
    await frame.locator('body[data-rendered="true"] p.warning').first().waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'capture-relative-warning-failed');
      throw e;
    });
    // the CLI, given the same relative path from the workspace folder, names the file the same way
    const cli = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'flows', path.relative(samples, file), '--json'], { cwd: samples, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const want = (JSON.parse(cli) as { warnings: string[] }).warnings;
    assert.deepEqual(want, [`The file "${path.basename(dir)}/cut.pcap" appears to have been cut short in the middle of a packet (at byte offset 299862).`]);
    assert.deepEqual(await frame.locator('body > #app > p.warning').allTextContents(), want);
    await screenshot(page, 'capture-relative-warning');
  } finally {
    await runCommand(page, 'View: Close All Editors');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
