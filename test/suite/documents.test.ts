// The documents' models in the real extension host: the editor's correlation is the CLI's, and modelling runs
// off the extension host's thread.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { correlate, Correlation } from '../../src/core/analysis/correlate/correlate';
import { analyseCaptures } from '../../src/core/flows';
import { parseIperfLog } from '../../src/core/iperf';
import { fixturesDir } from '../helpers/paths';
import { retry } from './poll';

const VIEW_TYPE = 'queueLens.capture';


async function setGlobal(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('queueLens').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('Documents and the analysis worker', () => {
  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Correlate in the editor gives the CLI’s answer on the VXLAN run: 8 tunnelled matches, 8 carrier flows', async () => {
    const dir = path.join(fixturesDir, 'iperf3-tcp8-vxlan');
    const capture = path.join(dir, 'capture-vxlan.pcap');
    const log = path.join(dir, 'client.out');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(capture), VIEW_TYPE);
    const shown = await retry('the editor’s correlation', () =>
      vscode.commands.executeCommand<Correlation | undefined>('queueLens.correlateLog', vscode.Uri.file(log)));
    // what `queue-lens correlate capture-vxlan.pcap client.out --json` computes (src/cli/correlateCommand.ts)
    const report = await analyseCaptures([capture]);
    const cli = correlate({ ...report, file: path.basename(capture) }, parseIperfLog(fs.readFileSync(log, 'utf8'), path.basename(log)));
    assert.deepEqual(JSON.parse(JSON.stringify(shown)), JSON.parse(JSON.stringify(cli)));
    assert.equal(shown.matched.length, 8);
    assert.equal(shown.matched.filter((m) => m.tunnelled).length, 8, 'tunnelled matches');
    assert.equal(shown.unmatchedFlows.filter((f) => f.carries).length, 8, 'carrier flows');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a 64-queue model B spread of 1 024 flows (~10 s of worker time) leaves the extension host responsive', async () => {
    const config = vscode.workspace.getConfiguration('queueLens');
    const saved = new Map(['preset', 'maxQueues', 'throughputModel'].map((k) => [k, config.inspect(k)?.globalValue]));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-responsive-'));
    try {
      await setGlobal('preset', 'linux-tx');
      await setGlobal('maxQueues', 64);
      await setGlobal('throughputModel', 'B');
      const flows = Array.from({ length: 1024 }, (_, i) => ({ tuple: { proto: 'tcp', src: { ip: '10.0.0.1', port: 30000 + i }, dst: { ip: '10.0.0.2', port: 5201 } } }));
      // Ticks every 20 ms on the host's thread while the spread is computed: a blocked host shows as a long gap.
      let last = Date.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = Date.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 20);
      let file: vscode.Uri;
      try {
        assert.equal(await vscode.commands.executeCommand('queueLens.showSpread', { title: '1024 streams', flows }), true);
        // The export waits for the document's spread, so it returns once the worker has answered.
        file = await retry('the spread', () => vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: vscode.Uri.file(path.join(out, 'spread.json')), confirm: false }), 120_000);
      } finally {
        clearInterval(timer);
      }
      const spread = (JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as { spread: { model: string; flows: string[]; rows: { n: number; pSlowerThanPrevious?: number }[] } }).spread;
      assert.equal(spread.model, 'B');
      assert.equal(spread.flows.length, 1024);
      assert.equal(spread.rows.length, 64);
      assert.ok(spread.rows[63].pSlowerThanPrevious !== undefined, 'the model odds at n = 64 were computed');
      console.log(`      host thread: longest gap between 20 ms ticks ${longest} ms while the spread ran`);
      assert.ok(longest < 500, `the host's thread was blocked for ${longest} ms while the spread ran`);
    } finally {
      for (const [k, v] of saved) await setGlobal(k, v);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
