// Benchmark (not a test): time from Quick Open of a generated 1 M-packet capture to the editor's first chart, in the
// real VS Code (code-server) and Chromium. Run with `npm run bench:editor`; prints the figure for the README.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../harness/browser';
import { ensureCodeServer, startCodeServer } from '../harness/codeServer';
import { requireSystemPackages } from '../harness/systemPackages';
import { repoRoot } from '../helpers/paths';
import { generate } from '../fuzz/pcapGenerator';
import { activeWebview, quickOpen, waitForWorkbench } from '../ui/workbench';

async function main(): Promise<void> {
  requireSystemPackages();
  ensureCodeServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-bench-editor-'));
  const file = path.join(dir, 'one-million.pcap');
  // ~125 bytes a record in the source capture (snap length 128): 1 M packets ≈ 125 MB.
  const made = generate(file, 125 * 1024 * 1024);
  const server = await startCodeServer({ vsix: path.join(repoRoot, 'dist', 'queue-lens.vsix') });
  const browser = await launchBrowser();
  try {
    await browser.page.goto(server.url(dir));
    await waitForWorkbench(browser.page);
    // The first webview of a session also pays for the workbench's webview start-up: time a small capture first.
    fs.copyFileSync(path.join(repoRoot, 'samples', 'iperf2-8-streams.pcap'), path.join(dir, 'small.pcap'));
    for (const name of ['small.pcap', 'one-million.pcap']) {
      const t0 = Date.now();
      await quickOpen(browser.page, name);
      await activeWebview(browser.page).locator('body[data-rendered="true"]').waitFor({ timeout: 120_000 });
      const ms = Date.now() - t0;
      const what = name === 'small.pcap' ? '3,633 packets (first webview of the session)' : `${made.packets.toLocaleString('en-US')} packets (${(made.bytes / 1e6).toFixed(0)} MB)`;
      console.log(`${what}: first chart ${ms} ms after Quick Open`);
      await browser.page.keyboard.press('Control+K');
      await browser.page.keyboard.press('W');
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
