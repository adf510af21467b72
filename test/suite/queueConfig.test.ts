// The queue-configuration panel in the real extension host: its model is `queue-lens config --json`, field for field,
// on the public xen-devel dump (1 of 8), a dom0 netback folder (interrupts before/after, threads, rings) and a run
// folder named for 8 queues whose configuration says 4 (the disagreement warning).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configCommand } from '../../src/cli/configCommand';
import { fixturesDir } from '../helpers/paths';

const QC = path.join(fixturesDir, 'queue-config');

async function cliJson(args: string[]): Promise<unknown> {
  let out = '';
  const code = await configCommand([...args, '--json'], { out: (t) => { out += t; }, err: () => undefined });
  assert.equal(code, 0);
  return JSON.parse(out) as unknown;
}

suite('Queue configuration', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the panel shows what queue-lens config --json prints: the xen-devel dump, 1 of 8', async () => {
    const file = path.join(QC, 'xen-devel-2022-12-xenstore-vif.txt');
    const shown = await vscode.commands.executeCommand<Record<string, unknown>>('queueLens.showQueueConfig', vscode.Uri.file(file));
    assert.ok(shown && !('error' in shown), JSON.stringify(shown));
    assert.deepEqual(shown, await cliJson([file]));
    assert.equal(shown.effective, 1);
    assert.equal(shown.offered, 8);
  });

  test('a dom0 netback folder: queues, interrupts (after − before), threads and rings equal the CLI\'s', async () => {
    const dir = path.join(QC, 'dom0-netback');
    const shown = await vscode.commands.executeCommand<{ queues: Array<{ cpus: number[] }> }>('queueLens.showQueueConfig', vscode.Uri.file(dir));
    assert.deepEqual(shown, await cliJson([dir]));
    assert.deepEqual(shown.queues.map((q) => q.cpus), [[1], [2], [1], [3]]);
  });

  test('a run folder named q8 whose configuration says 4: the disagreement, as the CLI says it', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cfg-'));
    try {
      const run = path.join(tmp, 'q8-t1');
      fs.cpSync(path.join(QC, 'xen-causes', 'vcpus'), run, { recursive: true });
      const shown = await vscode.commands.executeCommand<{ disagreement: string | null; userQueues: number | null }>('queueLens.showQueueConfig', vscode.Uri.file(run));
      assert.deepEqual(shown, await cliJson([run]));
      assert.equal(shown.userQueues, 8);
      assert.match(shown.disagreement ?? '', /you set 8 queues, but the configuration says the run had 4/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('a file that is no configuration: the error names the file and line, as the CLI', async () => {
    const file = path.join(QC, 'README.md');
    const shown = await vscode.commands.executeCommand<{ error: string }>('queueLens.showQueueConfig', vscode.Uri.file(file));
    assert.ok('error' in shown);
    assert.match(shown.error, /README\.md:1: not a queue-configuration snapshot/);
  });
});
