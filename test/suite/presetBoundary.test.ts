// Issue 21: a preset name from a command argument is checked where it enters (isPresetName) and refused, with
// nothing changed, when Queue Lens does not know it; a known one goes through as before.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanView } from '../../src/shared/protocol';

suite('Issue 21: preset names at the command boundary', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('queue-lens.queue-lens')?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Choose Hash Preset refuses an unknown name and leaves the setting as it was', async () => {
    const config = (): string | undefined => vscode.workspace.getConfiguration('queueLens').get<string>('preset');
    const before = config();
    assert.equal(await vscode.commands.executeCommand('queueLens.choosePreset', 'no-such-preset'), undefined);
    assert.equal(config(), before);
  });

  test('Plan Source Ports refuses an unknown name and plans for a known one', async () => {
    assert.equal(await vscode.commands.executeCommand<PlanView | undefined>('queueLens.planSourcePorts', { preset: 'no-such-preset', dst: '10.0.0.2:5201', src: '10.0.0.1', flows: 8, queues: 4 }), undefined);
    const view = await vscode.commands.executeCommand<PlanView | undefined>('queueLens.planSourcePorts', { preset: 'nic-rss-toeplitz', dst: '10.0.0.2:5201', src: '10.0.0.1', flows: 8, queues: 4 });
    assert.ok(view, 'a plan for a known preset');
    assert.match(view.preset, /^nic-rss-toeplitz \(exact\)/);
  });
});
