// The run view in the real extension host: a folder recorded by `queue-lens record` (samples/recorded) opens with
// Open Recorded Run…, and the view's model of each flow's measured queue is `queue-lens observed DIR --json`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { observedCommand } from '../../src/cli/observedCommand';
import type { RunReport } from '../../src/core/runs/runReport';
import { fixturesDir, repoRoot } from '../helpers/paths';

const RECORDED = path.join(repoRoot, 'samples', 'recorded', 'iperf3-p8-q4');
const INTERVAL = path.join(fixturesDir, 'recorded-interval', 'run');

async function cliObserved(dir: string): Promise<unknown> {
  let out = '';
  let err = '';
  const code = await observedCommand([dir, '--json'], { out: (t) => { out += t; }, err: (t) => { err += t; } });
  assert.equal(code, 0, err);
  return JSON.parse(out);
}

suite('Run view', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the recorded sample: the view’s measured queues deep-equal `queue-lens observed --json`', async () => {
    // opened by its run.json, as the Explorer's context menu does
    const shown = await vscode.commands.executeCommand<RunReport | { error: string }>('queueLens.openRecordedRun', vscode.Uri.file(path.join(RECORDED, 'run.json')));
    assert.ok(shown && !('error' in shown), `the view read the run: ${JSON.stringify(shown)}`);
    assert.equal(shown.dir, RECORDED);
    assert.ok(shown.recorded, 'read by its manifest');
    assert.deepEqual(shown.recorded.command.slice(-9), ['iperf3', '-c', '10.78.0.2', '-P', '8', '-t', '2', '--cport', '42000']);
    // the worker's answer crossed a structured clone; the CLI's a JSON text: compare as JSON
    assert.deepEqual(JSON.parse(JSON.stringify(shown.observed)), await cliObserved(RECORDED));
    assert.equal(shown.log?.streams, 8);
  });

  test('a run recorded with --interval: the per-queue rate series is in the model, and the measured queues are the CLI’s', async () => {
    const shown = await vscode.commands.executeCommand<RunReport | { error: string }>('queueLens.openRecordedRun', vscode.Uri.file(INTERVAL));
    assert.ok(shown && !('error' in shown), JSON.stringify(shown));
    assert.deepEqual(JSON.parse(JSON.stringify(shown.observed)), await cliObserved(INTERVAL));
    assert.equal(shown.series?.queues, 4);
    assert.equal(shown.series?.t.length, 5);
  });
});
