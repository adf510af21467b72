import * as vscode from 'vscode';
import { PRESETS } from '../core/hashing';
// eslint-disable-next-line no-restricted-imports -- TODO(issue 10): plan through core, not the CLI
import { main as cli } from '../cli/main';
import { settings } from './settings';

/**
 * Queue Lens: Plan Source Ports — asks for the run's addresses, then runs the same planner as
 * `queue-lens plan` and opens its answer (ports and iperf command lines) in a new editor.
 */
export async function planSourcePorts(): Promise<void> {
  const s = settings();
  const exact = PRESETS.filter((p) => p.exact).map((p) => p.name);
  const preset = exact.includes(s.preset)
    ? s.preset
    : (await vscode.window.showQuickPick(exact, { title: `Plan source ports: '${s.preset}' is a model (random per socket), so choose an exact preset` }));
  if (!preset) return;
  const ask = (prompt: string, value: string, check: RegExp, hint: string): Thenable<string | undefined> =>
    vscode.window.showInputBox({ title: 'Queue Lens: plan source ports', prompt, value, validateInput: (v) => (check.test(v.trim()) ? undefined : hint) });
  const dst = await ask('Server address and port (iperf -s side)', '10.0.0.2:5201', /^(\[[0-9a-fA-F:.]+\]|[0-9.]+):\d{1,5}$/, 'IP:PORT, e.g. 10.0.0.2:5201 or [fd00::2]:5201');
  if (!dst) return;
  const src = await ask('Client address (iperf -c side)', '10.0.0.1', /^[0-9a-fA-F:.]+$/, 'an IPv4 or IPv6 address');
  if (!src) return;
  const flows = await ask('Number of parallel streams (-P)', '8', /^\d{1,3}$/, 'a whole number');
  if (!flows) return;
  const queues = await ask('Number of queues', String(s.maxQueues), /^\d{1,3}$/, 'a whole number');
  if (!queues) return;
  let out = '';
  let err = '';
  const argv = ['plan', '--preset', preset, '--dst', dst.trim(), '--src', src.trim(), '--flows', flows.trim(), '--queues', queues.trim()];
  if (s.presetOptions.key) argv.push('--key', Buffer.from(s.presetOptions.key).toString('hex'));
  if (s.tableFile) argv.push('--table', s.tableFile);
  const code = await cli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `$ queue-lens ${argv.join(' ')}\n\n${out}${err}${code === 0 ? '' : `\n(exit code ${code})`}\n` });
  await vscode.window.showTextDocument(doc, { preview: false });
}
