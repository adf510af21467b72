// UI test: "Queue Lens: Compare Two Run Sets…" on two real run sets (the twenty one-run sweeps against the same
// set-up with faster queues), checked against `queue-lens compare --json`, drawn in the dark and the light theme.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, runCommand, screenshot, themeColourPixels } from './workbench';

const samples = path.join(repoRoot, 'samples');
const wb = useWorkbench(() => samples, { 'queueLens.preset': 'linux-tx', 'queueLens.throughputModel': 'A' });

async function setTheme(page: Page, frame: FrameLocator, want: 'light' | 'dark'): Promise<void> {
  const theme = async (): Promise<string> => (/vscode-light/.test((await frame.locator('body').getAttribute('class')) ?? '') ? 'light' : 'dark');
  if ((await theme()) !== want) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const until = Date.now() + 15_000;
  while ((await theme()) !== want && Date.now() < until) await page.waitForTimeout(200);
  assert.equal(await theme(), want, `the webview did not switch to the ${want} theme`);
}

/** Opaque pixels of a canvas near one colour: set B is drawn in the palette's second colour, Okabe–Ito orange #E69F00. */
async function rgbPixels(frame: FrameLocator, canvas: string, rgb: [number, number, number]): Promise<number> {
  return frame.locator(canvas).evaluate((c: { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }, want: number[]) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - want[0]) + Math.abs(data[i + 1] - want[1]) + Math.abs(data[i + 2] - want[2]) < 30 && data[i + 3] > 200) n++;
    return n;
  }, rgb);
}

async function pick(page: Page, name: string): Promise<void> {
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first().waitFor({ timeout: 20_000 });
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
}

test('Compare Two Run Sets shows the verdict, sentences and table the CLI computes, both sets drawn in both themes', async () => {
  const page = wb.page;
  await runCommand(page, 'Queue Lens: Compare Two Run Sets…');
  await pick(page, 'one-run-sweeps');
  await pick(page, 'faster-queues');
  await page.getByRole('tab', { name: /Compare: one-run-sweeps-vs-faster-queues/ }).waitFor({ timeout: 30_000 });
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"] #compare-verdict').waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'compare-run-sets-failed');
    throw e;
  });
  const cli = JSON.parse(execFileSync('node', [path.join(repoRoot, 'dist', 'cli.js'), 'compare', path.join(samples, 'one-run-sweeps'), path.join(samples, 'faster-queues'), '--preset', 'linux-tx', '--json'], { encoding: 'utf8' })) as {
    verdict: string; sentences: string[]; points: { n: number; aMeanBps: number; bMeanBps: number; perBusyQueue?: { value: number; low: number; high: number } }[];
  };
  assert.equal(await frame.locator('#compare-verdict').getAttribute('data-verdict'), cli.verdict);
  assert.equal(cli.verdict, 'faster-per-queue');
  const sentences = await frame.locator('.sentences').innerText();
  for (const s of cli.sentences) assert.ok(sentences.includes(s), `the view says: ${s}`);
  const rows = frame.locator('#compare-table tbody tr');
  assert.equal(await rows.count(), cli.points.length);
  for (let i = 0; i < cli.points.length; i++) {
    const p = cli.points[i];
    const cells = rows.nth(i).locator('td');
    assert.equal(await cells.nth(2).textContent(), (p.aMeanBps / 1e6).toFixed(1), `A's mean at n = ${p.n}`);
    assert.equal(await cells.nth(3).textContent(), (p.bMeanBps / 1e6).toFixed(1), `B's mean at n = ${p.n}`);
    const e = p.perBusyQueue;
    assert.equal(await cells.nth(8).textContent(), e ? `${e.value.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]` : '–');
  }
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(page, frame, theme);
    // both sets are painted in their theme colours on both charts
    for (const chart of ['#compare-chart', '#compare-per-busy-chart']) {
      let a = await themeColourPixels(frame, chart, '--vscode-charts-blue');
      let b = await rgbPixels(frame, chart, [0xe6, 0x9f, 0x00]);
      const until = Date.now() + 10_000;
      while ((a.matching < 50 || b < 50) && Date.now() < until) {
        await page.waitForTimeout(250);
        a = await themeColourPixels(frame, chart, '--vscode-charts-blue');
        b = await rgbPixels(frame, chart, [0xe6, 0x9f, 0x00]);
      }
      assert.ok(a.matching >= 50, `${theme}: ${chart} draws A in ${a.colour}: ${a.matching} pixels`);
      assert.ok(b >= 50, `${theme}: ${chart} draws B in #E69F00: ${b} pixels`);
    }
    await screenshot(page, `compare-run-sets-${theme}`);
  }
});
