import * as vscode from 'vscode';
import { errorMessage, formatEndpoint } from '../core/export/format';
import { planText } from '../core/export/planText';
import { parseEndpoint, PlanRequest, PRESETS } from '../core/hashing';
import { loadSettings } from './settings';
import type { AnalysisService } from './worker/analysisService';

/** Linux's default ip_local_port_range, as `queue-lens plan` uses by default. */
const DEFAULT_PORTS: [number, number] = [32768, 60999];

/** The `queue-lens plan` command line that gives the same answer, for the user to rerun or script. */
function commandLine(req: PlanRequest, tableFile: string | undefined): string {
  const argv = ['plan', '--preset', req.preset, '--dst', formatEndpoint(req.dst.ip, req.dst.port), '--src', req.src, '--flows', String(req.flows), '--queues', String(req.queues)];
  if (req.opts?.key) argv.push('--key', Buffer.from(req.opts.key).toString('hex'));
  if (tableFile) argv.push('--table', tableFile);
  return `$ queue-lens ${argv.join(' ')}`;
}

/**
 * Queue Lens: Plan Source Ports — asks for the run's addresses, then runs the core planner (the one behind
 * `queue-lens plan`) in the analysis worker and opens its answer (ports and iperf command lines) in a new editor.
 */
export async function planSourcePorts(service: AnalysisService): Promise<void> {
  const s = await loadSettings();
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
  let content: string;
  let req: PlanRequest | undefined;
  try {
    req = {
      preset, opts: s.presetOptions, proto: 'tcp', src: src.trim(), dst: parseEndpoint(dst.trim()),
      flows: Number(flows.trim()), queues: Number(queues.trim()), ports: DEFAULT_PORTS, reverse: false,
    };
    const plan = await service.run({ kind: 'plan', ...req }).result;
    content = `${commandLine(req, s.tableFile)}\n\n${planText(plan)}`;
  } catch (e) {
    content = `${req ? `${commandLine(req, s.tableFile)}\n\n` : ''}error: ${errorMessage(e)}\n`;
  }
  for (const p of s.problems) content += `\nwarning: ${p}`;
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
  await vscode.window.showTextDocument(doc, { preview: false });
}
