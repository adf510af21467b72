import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../helpers/paths';

export const resultsDir = path.join(repoRoot, 'test-results');

/** Waits for the workbench to show the opened folder in the explorer. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/**
 * Opens a quick input (Quick Open or the palette), types `query` and presses Enter on the first row whose
 * label contains `label`. The list is computed as the query changes, so a row whose source was not ready yet
 * (a fresh workbench still registering extension contributions, a file index still building) never appears
 * however long one waits: the quick input is closed and the query typed again until the deadline.
 */
async function pickFromQuickInput(page: Page, open: string, query: string, label: string, what: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).first();
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    await page.locator('.statusbar').click();
    await page.keyboard.press(open);
    await input.waitFor({ timeout: 10_000 });
    await input.fill(query);
    try {
      await row.waitFor({ timeout: Math.min(5_000 * attempt, Math.max(1_000, deadline - Date.now())) });
      await page.keyboard.press('Enter');
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      console.log(`# ${what} "${label}" not listed after attempt ${attempt}; typing it again`);
      if (Date.now() >= deadline) {
        await screenshot(page, `quick-input-failed-${label.replace(/[^\w]+/g, '-')}`);
        throw new Error(`${what} "${label}" did not appear in ${attempt} attempts: ${String(e)}`);
      }
    }
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await pickFromQuickInput(page, 'Control+P', name, name, 'the file');
}

/** Runs a command from the palette (F1) by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickFromQuickInput(page, 'F1', `>${title}`, title, 'the command');
}

/** The content frame of the visible webview (webviews are two nested iframes). */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** The few DOM shapes the page-side probe uses (the host tsconfig has no DOM types, on purpose). */
interface ProbeCanvas { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }
interface ProbeWindow { getComputedStyle(e: unknown): { color: string; getPropertyValue(n: string): string }; document: { body: unknown; createElement(t: string): { style: { color: string }; remove(): void } & object } }

/** Counts a canvas's opaque pixels within a small distance of a theme colour (a `--vscode-*` variable). */
export async function themeColourPixels(frame: FrameLocator, canvas: string, cssVariable: string): Promise<{ colour: string; matching: number; total: number }> {
  return frame.locator(canvas).evaluate((c: ProbeCanvas, variable: string) => {
    const w = globalThis as unknown as ProbeWindow;
    const probe = w.document.createElement('div');
    probe.style.color = w.getComputedStyle(w.document.body).getPropertyValue(variable).trim();
    (w.document.body as { append(e: unknown): void }).append(probe);
    const rgb = (w.getComputedStyle(probe).color.match(/\d+/g) ?? []).map(Number);
    probe.remove();
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let matching = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 30 && data[i + 3] > 200) matching++;
    }
    return { colour: `rgb(${rgb.join(',')})`, matching, total: data.length / 4 };
  }, cssVariable);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Answers VS Code's simple file dialog (code-server's Open dialogs are a quick input holding a path).
 * Waits until the dialog, not the palette it replaced, owns the input: its value is a path.
 */
export async function answerFileDialog(page: Page, target: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const until = Date.now() + 20_000;
  while (!(await input.inputValue().catch(() => '')).startsWith('/')) {
    if (Date.now() > until) throw new Error('the file dialog did not open');
    await page.waitForTimeout(100);
  }
  await input.fill(target);
  await page.keyboard.press('Enter');
  // Wait for the dialog to accept. A target folder is first navigated into (the value becomes target + '/'), and
  // a second Enter accepts it. On a busy machine the dialog may still be listing its start folder and put that
  // folder back in place of what was typed: Enter would then open that folder, so type the target again instead.
  const deadline = Date.now() + 30_000;
  let typed = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(200);
    if (!(await page.locator('.quick-input-widget').isVisible())) return;
    const value = await input.inputValue().catch(() => '');
    const ours = value === target || value === `${target.replace(/\/$/, '')}/`;
    if (ours && value.endsWith('/') && !target.endsWith('/')) await page.keyboard.press('Enter');
    else if (Date.now() - typed > (ours ? 3_000 : 1_000)) {
      typed = Date.now();
      if (!ours) await input.fill(target);
      await page.keyboard.press('Enter');
    }
  }
  throw new Error(`the file dialog did not accept ${target}`);
}
