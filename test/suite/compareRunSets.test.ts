// Compare Two Run Sets… in the real extension host: the editor's comparison (exported as JSON) deep-equals
// `queue-lens compare A B --json` run in-process on the same folders with the same preset; HTML and CSV are written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { main } from '../../src/cli/main';
import { retry } from './poll';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function workspaceFolder(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the samples workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function exportAs(format: string, file: string): Promise<string | undefined> {
  const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format, target: vscode.Uri.file(file), confirm: false });
  return out ? fs.readFileSync(out.fsPath, 'utf8') : undefined;
}

suite('Compare Two Run Sets', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('queue-lens.queue-lens')?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the editor\'s comparison of one-run-sweeps and faster-queues equals the CLI\'s --json; HTML and CSV export', async () => {
    const a = workspaceFolder('one-run-sweeps');
    const b = workspaceFolder('faster-queues');
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('queueLens.compareRunSets', a, b);
    assert.ok(panel, 'the comparison panel opened');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-compare-'));
    try {
      const shown = await retry('the comparison export', async () => {
        const t = await exportAs('json', path.join(out, 'c.json'));
        return t ? JSON.parse(t) as Record<string, unknown> : undefined;
      });
      const preset = vscode.workspace.getConfiguration('queueLens').get<string>('preset') ?? 'uniform';
      const r = await cli(['compare', a.fsPath, b.fsPath, '--json', '--preset', preset]);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(shown, JSON.parse(r.out));
      assert.equal(shown.verdict, 'faster-per-queue');
      const csv = await exportAs('compare-csv', path.join(out, 'c.csv'));
      assert.equal(csv?.trim().split(/\r\n/).length, 1 + 8);
      // the charts' images come from the webview once it has drawn them: export again until they are in
      const html = await retry('the HTML export with the charts as images', async () => {
        const t = await exportAs('html', path.join(out, 'c.html'));
        return t !== undefined && /<img alt="[^"]*" src="data:image\/png;base64,/.test(t) ? t : undefined;
      });
      assert.match(html, /Verdict: <strong>faster-per-queue<\/strong>/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
