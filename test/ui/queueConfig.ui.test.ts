// UI test: Show Queue Configuration… as Chromium shows it in code-server — the headline, the sentence, the queue → CPU
// diagram and its table against `queue-lens config --json`, in the dark and the light theme (screenshots).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import * as fs from 'node:fs';
import { fixturesDir } from '../helpers/paths';
import { activeWebview, answerFileDialog as answerDialog, quickOpen, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const wb = useWorkbench(() => samples, { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' });

interface ConfigJson { effective: number; offered: number | null; sentence: string; queues: Array<{ queue: number; cpus: number[] }> }
const cliJson = (dir: string): ConfigJson =>
  JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'config', dir, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as ConfigJson;

/**
 * The file dialog. A dialog given a default folder shows its path at once and may still be loading it, which would
 * replace a path typed too early: wait until its listing is shown, then type the path and check it stayed.
 */
async function answerFileDialog(page: Page, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  try {
    const until = Date.now() + 40_000;
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

async function shown(page: Page, name: string): Promise<FrameLocator> {
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"] #queue-config').first().waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, `${name}-failed`);
    throw e;
  });
  return frame;
}

async function setTheme(page: Page, frame: FrameLocator, want: 'light' | 'dark'): Promise<void> {
  const theme = async (): Promise<string> => (/vscode-light/.test((await frame.locator('body').getAttribute('class')) ?? '') ? 'light' : 'dark');
  if ((await theme()) !== want) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const until = Date.now() + 30_000;
  while ((await theme()) !== want && Date.now() < until) await page.waitForTimeout(200);
  assert.equal(await theme(), want);
  await page.waitForTimeout(500);
}

test('Show Queue Configuration… on dom0 netback: the diagram and table equal queue-lens config, both themes', async () => {
  const page = wb.page;
  const dir = path.join(samples, 'queue-config', 'dom0-netback');
  await runCommand(page, 'Queue Lens: Show Queue Configuration…');
  await answerFileDialog(page, dir);
  await runCommand(page, 'View: Close Primary Side Bar');
  const frame = await shown(page, 'queue-config');
  const cli = cliJson(dir);
  assert.equal(await frame.locator('h1').textContent(), 'Queue configuration: queue-config/dom0-netback');
  assert.equal(await frame.locator('.config-headline').textContent(), '4 queues used (the files do not say how many were offered)');
  // the view names files inside the workspace as the Explorer does
  assert.equal(await frame.locator('.config-sentence').textContent(), cli.sentence.split(`${samples}/`).join(''));
  // the diagram: 4 queues × 4 CPUs; the cells marked as serving are the CLI's CPUs
  assert.equal(await frame.locator('.cpu-cell').count(), 16);
  for (const q of cli.queues) {
    const serving = await frame.locator(`.cpu-cell.serves[data-queue="${q.queue}"]`).evaluateAll((cells) => cells.map((c) => Number((c as unknown as { getAttribute(n: string): string }).getAttribute('data-cpu'))));
    assert.deepEqual(serving, q.cpus, `q${q.queue}`);
    assert.equal(await frame.locator(`table.queue-config tr[data-queue="${q.queue}"] td.cpus`).textContent(), q.cpus.join(', '));
  }
  assert.match((await frame.locator('.cpu-cell[data-queue="0"][data-cpu="1"]').getAttribute('aria-label')) ?? '', /100\.0 % of its interrupts \(measured\) netback vif26\.0-q0-gues 31\.2 %CPU/);
  await setTheme(page, frame, 'dark');
  await screenshot(page, 'queue-config-dark');
  await setTheme(page, frame, 'light');
  await screenshot(page, 'queue-config-light');
  await setTheme(page, frame, 'dark');
});

test('the xen-devel dump: "8 queues offered, 1 used" and why', async () => {
  const page = wb.page;
  const dir = path.join(samples, 'queue-config', 'xen-guest-1-of-8');
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Queue Lens: Show Queue Configuration…');
  await answerFileDialog(page, dir);
  const frame = await shown(page, 'queue-config-xen');
  assert.equal(await frame.locator('h1').textContent(), 'Queue configuration: queue-config/xen-guest-1-of-8');
  assert.match((await frame.locator('.config-reasons').textContent()) ?? '', /^queue-config\/xen-guest-1-of-8\/xenstore-ls\.txt: the frontend/);
  assert.equal(await frame.locator('.config-headline').textContent(), '8 queues offered, 1 used');
  assert.equal(await frame.locator('.config-sentence').textContent(), cliJson(dir).sentence.split(`${samples}/`).join(''));
  await screenshot(page, 'queue-config-xen-dark');
});

test('a capture whose run folder has a config/: the capture view has the queue-configuration section', async () => {
  const page = wb.page;
  // a real 4-queue run (measured-queues q4) given XPS masks that put queue q on CPU q mod 2
  // named for 8 queues: the configuration's 4 disagree, and the view says so
  const run = path.join(samples, 'queue-config', `q8-ui-run-${process.pid}`);
  fs.mkdirSync(run, { recursive: true });
  try {
    fs.copyFileSync(path.join(fixturesDir, 'measured-queues', 'q4-k8-t1', 'capture.pcap'), path.join(run, 'ui-xps-run.pcap'));
    for (let q = 0; q < 4; q++) {
      const d = path.join(run, 'config', 'vA', 'queues', `tx-${q}`);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'xps_cpus'), `${1 << (q % 2)}\n`);
    }
    const cli = cliJson(path.join(run, 'config'));
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'ui-xps-run.pcap');
    const frame = activeWebview(page);
    await frame.locator('body[data-queue-config="true"] #queue-config').waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'queue-config-capture-failed');
      throw e;
    });
    assert.equal(await frame.locator('#queue-config h2').first().textContent(), `Queue configuration: queue-config/q8-ui-run-${process.pid}/config`);
    assert.match((await frame.locator('#queue-config .config-disagreement').textContent()) ?? '', /^you set 8 queues, but the configuration says the run had 4/);
    assert.equal(await frame.locator('#queue-config .config-headline').textContent(), '4 queues used (the files do not say how many were offered)');
    for (const q of cli.queues) {
      assert.equal(await frame.locator(`table.queue-config tr[data-queue="${q.queue}"] td.cpus`).textContent(), q.cpus.join(', '));
    }
    await frame.locator('#queue-config').scrollIntoViewIfNeeded();
    await screenshot(page, 'queue-config-capture-dark');
  } finally {
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    fs.rmSync(run, { recursive: true, force: true });
  }
});

test('Compare Queue Counts on runs with a config/: each run\'s queues used and its busy queues\' CPUs, as the sweep computes them', async () => {
  const page = wb.page;
  const dir = path.join(samples, 'queue-config', `ui-sweep-${process.pid}`);
  try {
    const src = path.join(fixturesDir, 'measured-queues');
    for (const run of fs.readdirSync(src).filter((d) => /^q\d+-k8-t1$/.test(d))) {
      fs.cpSync(path.join(src, run), path.join(dir, run), { recursive: true });
      const n = Number(/^q(\d+)/.exec(run)?.[1]);
      for (let q = 0; q < n; q++) {
        const d = path.join(dir, run, 'config', 'vA', 'queues', `tx-${q}`);
        fs.mkdirSync(d, { recursive: true });
        fs.writeFileSync(path.join(d, 'xps_cpus'), `${1 << (q % 2)}\n`);
      }
    }
    const cli = JSON.parse(execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'sweep', dir, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as
      { runs: Array<{ name: string; queueCpu?: { busyQueues: number[]; sharedCpus: Array<{ cpu: number; queues: number[] }> } }>; sentences: string[] };
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Queue Lens: Compare Queue Counts');
    const choose = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Choose a folder' });
    await choose.first().waitFor({ timeout: 20_000 });
    await choose.first().click();
    await answerFileDialog(page, dir);
    const frame = activeWebview(page);
    await frame.locator('body[data-rendered="true"] #sweep-queue-config').waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'queue-config-sweep-failed');
      throw e;
    });
    const q4 = cli.runs.find((r) => r.name.startsWith('q4'));
    assert.deepEqual(q4?.queueCpu?.sharedCpus, [{ cpu: 1, queues: [1, 3] }]);
    const row = frame.locator(`table.sweep-queue-config tr[data-run="${q4?.name}"] td`);
    assert.equal(await row.nth(3).textContent(), '1, 3');
    assert.equal(await row.nth(5).textContent(), 'CPU 1: q1, q3');
    assert.ok(cli.sentences.some((t) => /^CPUs explain the fall from 3 to 4 queues/.test(t)));
    assert.equal(await frame.locator('.sentences p', { hasText: 'CPUs explain the fall from 3 to 4 queues' }).count(), 1);
    await frame.locator('#sweep-queue-config').scrollIntoViewIfNeeded();
    await screenshot(page, 'queue-config-sweep-dark');
  } finally {
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
