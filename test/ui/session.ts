import * as path from 'node:path';
import { after, before } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { ensureCodeServer, RunningCodeServer, startCodeServer } from '../harness/codeServer';
import { requireSystemPackages } from '../harness/systemPackages';
import { repoRoot } from '../helpers/paths';
import { waitForWorkbench } from './workbench';

export interface Workbench {
  server: RunningCodeServer;
  page: Page;
  context: BrowserContext;
}

/**
 * Registers before/after hooks for one UI test file: a fresh code-server with the packaged .vsix and these user
 * settings, Chromium on the workbench with `folder` open. The returned object is filled in by `before`.
 */
export function useWorkbench(folder: () => string, settings: Record<string, unknown> = {}, onContext?: (c: BrowserContext) => void): Workbench {
  const w = {} as Workbench;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  before(async () => {
    requireSystemPackages();
    ensureCodeServer();
    w.server = await startCodeServer({ vsix: path.join(repoRoot, 'dist', 'queue-lens.vsix'), settings });
    browser = await launchBrowser();
    w.page = browser.page;
    w.context = browser.context;
    onContext?.(browser.context);
    await w.page.goto(w.server.url(folder()));
    await waitForWorkbench(w.page);
  });
  after(async () => {
    await browser?.close();
    await w.server?.stop();
  });
  return w;
}
