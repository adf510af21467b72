// Runs test/suite — the mocha suite @vscode/test-electron would run — inside code-server (VS Code 1.139),
// loading the extension from this repository as the development extension, driven by Debian's Chromium.
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './harness/browser';
import { ensureCodeServer, startCodeServer } from './harness/codeServer';
import { requireSystemPackages } from './harness/systemPackages';
import { repoRoot } from './helpers/paths';
import { errorMessage } from '../src/core/text';

async function main(): Promise<number> {
  requireSystemPackages();
  ensureCodeServer();
  const server = await startCodeServer({ smokeTestDriver: true });
  const browser = await launchBrowser();
  const started = Date.now();
  try {
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    let summary = '';
    const exit = new Promise<number>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await browser.page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args); // mocha's reporter logs printf-style
      if (line.startsWith('QUEUE_LENS_SUITE')) summary = line;
      else process.stdout.write(`${line}\n`);
    });
    await browser.page.goto(
      server.url(path.join(repoRoot, 'samples'), [
        ['extensionDevelopmentPath', remote(repoRoot)],
        ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'test', 'suite', 'index.js'))],
      ]),
    );
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exit,
      new Promise<number>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the extension-host suite did not finish in 5 minutes')), 300_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const m = /passed=(\d+) failed=(\d+)/.exec(summary);
    if (!m) {
      console.error('the suite printed no result line (did the extension host start the tests?)');
      return 1;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`extension host (code-server ${server.port}, ${seconds} s)`);
    console.log(`vscode: ${m[1]} passed, ${m[2]} failed`);
    return code === 0 && m[2] === '0' && Number(m[1]) > 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { console.error(errorMessage(e)); process.exitCode = 1; },
);
