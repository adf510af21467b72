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
  const deadline = Date.now() + 90_000;
  for (let attempt = 1; ; attempt++) {
    try {
      // Every step is bounded and retried: a busy workbench can close the quick input again (focus moved by a
      // notification or an editor opening) between opening it and typing, leaving the input hidden or inert.
      await page.locator('.statusbar').click({ timeout: 10_000 });
      await page.keyboard.press(open);
      await input.waitFor({ timeout: 10_000 });
      await input.fill(query, { timeout: 5_000 });
      await row.waitFor({ timeout: Math.min(5_000 * attempt, Math.max(1_000, deadline - Date.now())) });
      if ((await input.inputValue({ timeout: 2_000 })) !== query) throw new Error('the query was replaced before Enter');
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
  const value = (): Promise<string> => input.inputValue({ timeout: 2_000 }).catch(() => '');
  const until = Date.now() + 20_000;
  while (!(await value()).startsWith('/')) {
    if (Date.now() > until) throw new Error('the file dialog did not open');
    await page.waitForTimeout(100);
  }
  // On a busy machine the dialog may still be listing its start folder and put that folder back in place of what
  // was typed; Enter would then open the start folder. So Enter is only pressed while the input holds the target
  // and has held it for a moment, and the target is typed again whenever it was replaced.
  const ours = (v: string): boolean => v === target || v === `${target.replace(/\/$/, '')}/`;
  const deadline = Date.now() + 40_000;
  let typedAt = 0;
  while (Date.now() < deadline) {
    if (!(await page.locator('.quick-input-widget').isVisible())) return;
    const v = await value();
    if (!ours(v)) {
      if (Date.now() - typedAt > 1_000) {
        await input.fill(target, { timeout: 5_000 }).catch(() => undefined);
        typedAt = Date.now();
      }
    } else if (Date.now() - typedAt > 500) {
      await page.waitForTimeout(300);
      // A target folder is first navigated into (the value becomes target + '/'), and a second Enter accepts it.
      if (ours(await value())) await page.keyboard.press('Enter');
      typedAt = Date.now();
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the file dialog did not accept ${target}`);
}
