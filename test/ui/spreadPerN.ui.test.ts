// UI test: nic-rss-toeplitz with an 8-queue indirection table (the kernel's default fill for 8 rings, i % 8 over 128
// entries, as `ethtool_rxfh_indir_default` gives it) cannot give queues at n = 1..7. The capture still shows (its flow
// table), and the queue view says which n's failed and why, with n = 8 computed. Dark and light theme screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixturesDir, repoRoot } from '../helpers/paths';
import { useWorkbench } from './session';
import { activeWebview, answerFileDialog, runCommand, screenshot } from './workbench';

const samples = path.join(repoRoot, 'samples');
const tableDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-table8-'));
const TABLE = path.join(tableDir, 'table-8.txt');
fs.writeFileSync(TABLE, Array.from({ length: 128 }, (_, i) => i % 8).join(' ') + '\n');
const wb = useWorkbench(() => samples, { 'queueLens.preset': 'nic-rss-toeplitz', 'queueLens.indirectionTable': TABLE, 'queueLens.maxQueues': 8, 'editor.minimap.enabled': false });

test.after(() => fs.rmSync(tableDir, { recursive: true, force: true }));

test('an 8-queue table under nic-rss-toeplitz: the capture shows, the queue view names each failed n', async () => {
  const page = wb.page;
  await runCommand(page, 'Queue Lens: Open Capture…');
  await answerFileDialog(page, path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng'));
  await runCommand(page, 'View: Close Primary Side Bar');
  const frame = activeWebview(page);
  await frame.locator('body[data-spread="true"] #spread .spread-error').first().waitFor({ timeout: 90_000 }).catch(async (e: unknown) => {
    await screenshot(page, 'spread-per-n-failed');
    throw e;
  });
  // the capture is there: its flow table with the 8 streams and the control connection
  assert.ok((await frame.locator('table.flows tbody tr').count()) >= 9, 'the flow table lists the capture\'s flows');
  const errors = await frame.locator('#spread .spread-error').allTextContents();
  // one line per n = 1..7: table entry n is the first not a queue of 0..n−1
  assert.equal(errors.length, 7, errors.join('\n'));
  for (let n = 1; n <= 7; n++) assert.ok(errors.includes(`nic-rss-toeplitz cannot give queues at n = ${n}: table entry ${n} is not a queue of 0..${n - 1}`), `n = ${n}: ${errors.join('\n')}`);
  // the matrix says "error" for n = 1..7 and gives n = 8's queues
  const firstRow = frame.locator('#spread table.matrix tbody tr').first().locator('td');
  assert.equal(await firstRow.count(), 8);
  for (let n = 1; n <= 7; n++) assert.equal(await firstRow.nth(n - 1).textContent(), 'error');
  assert.match((await firstRow.nth(7).textContent()) ?? '', /^q[0-7]$/);
  // the numbers table: the error in place of the odds
  assert.match((await frame.locator('#spread table.numbers').last().locator('tbody tr').first().textContent()) ?? '', /^1error: table entry 1 is not a queue of 0\.\.0$/);
  // the queue view's head: its per-n errors above the matrix
  await frame.locator('#spread h2').evaluate((h) => (h as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
  const seen: string[] = [];
  for (let i = 0; i < 2; i++) {
    if (i > 0) {
      await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.waitForTimeout(1500);
    }
    const t = (await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? 'dark' : 'light';
    seen.push(t);
    await screenshot(page, `spread-per-n-${t}`);
  }
  assert.deepEqual([...seen].sort(), ['dark', 'light']);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
});
