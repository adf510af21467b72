// The capture editor's queue view is `queue-lens spread --capture FILE --json`: the same data flows, rows and per-n
// errors (nic-rss-toeplitz with NXP enetc's 2-ring `ethtool -x` table cannot give queues at n = 1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { spreadCommand } from '../../src/cli/spreadCommand';
import type { QueueSpread, SpreadFlow } from '../../src/core/analysis/spread/queueSpread';
import { flowLabel } from '../../src/core/text';
import { fixturesDir } from '../helpers/paths';
import { retry } from './poll';

const CAPTURE = path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng');
const TABLE = path.join(fixturesDir, 'rss-public', 'ethtool-x-enetc-eno0.txt');

type Exported = { spread?: Omit<QueueSpread, 'flows'> & { flows: string[]; note?: string; problems: string[] } };

suite('The capture\'s queue view equals queue-lens spread --capture', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('queueLens.choosePreset', 'global');
    await vscode.workspace.getConfiguration('queueLens').update('indirectionTable', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('queueLens').update('preset', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('nic-rss-toeplitz with a 2-ring table: the editor\'s spread (n = 1 an error, n = 2..8 computed) is the CLI\'s', async () => {
    await vscode.workspace.getConfiguration('queueLens').update('indirectionTable', TABLE, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(CAPTURE), 'queueLens.capture');
    await retry('the capture editor', () => vscode.commands.executeCommand<string | undefined>('queueLens.choosePreset', 'nic-rss-toeplitz'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-spread-capture-'));
    try {
      const shown = await retry('the spread under nic-rss-toeplitz', async () => {
        const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: vscode.Uri.file(path.join(out, 'model.json')), confirm: false });
        const j = file ? (JSON.parse(fs.readFileSync(file.fsPath, 'utf8')) as Exported) : undefined;
        return j?.spread?.preset === 'nic-rss-toeplitz' && j.spread.rows.some((r) => 'error' in r) ? j.spread : undefined;
      }, 90_000);
      let text = '';
      let err = '';
      const code = await spreadCommand(['--capture', CAPTURE, '--preset', 'nic-rss-toeplitz', '--table', TABLE, '--json'], { out: (t) => { text += t; }, err: (t) => { err += t; } });
      assert.equal(code, 0, err);
      const cli = JSON.parse(text) as { flows: SpreadFlow[]; note: string; spread: QueueSpread };
      assert.deepEqual(shown.rows, cli.spread.rows);
      assert.deepEqual([shown.preset, shown.exact, shown.deterministic, shown.model], [cli.spread.preset, cli.spread.exact, cli.spread.deterministic, cli.spread.model]);
      assert.equal(shown.note, cli.note);
      assert.deepEqual(shown.flows, cli.flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple)));
      assert.deepEqual(shown.problems, []);
      assert.equal(cli.spread.rows.length, 8);
      assert.match((cli.spread.rows[0] as { error: string }).error, /table entry 1 is not a queue of 0\.\.0/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
