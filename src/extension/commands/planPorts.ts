import * as vscode from 'vscode';
import { errorMessage, formatEndpoint, untrustedText } from '../../core/text';
import type { ExportModel } from '../../core/export/model';
import { ENA_FIXED_KEY, iperf2Commands, iperf3Command, isPresetName, MS_RSS_KEY, parseEndpoint, PlanRequest, PlanResult, PortChoice, PRESET_NAMES, presetInfo, PresetName, PRESETS } from '../../core/hashing';
import type { HostToWebview, PlanView } from '../../shared/protocol';
import { showDataPanel } from '../views/dataPanel';
import { CaptureDocument } from '../documents/captureDocument';
import { largestFlow } from '../documents/captureFlows';
import type { DocumentRegistry } from '../documents/registry';
import { loadSettings, QueueLensSettings } from '../settings/settings';
import type { AnalysisService } from '../worker/analysisService';

/** Linux's default ip_local_port_range, as `queue-lens plan` uses by default. */
const DEFAULT_PORTS: [number, number] = [32768, 60999];

/** The command's optional argument (tests, scripts): answers that skip the prompts. */
interface PlanArgs { preset?: string; dst?: string; src?: string; flows?: number; queues?: number }

/** The `queue-lens plan` command line that gives the same answer, for the user to rerun or script. */
function commandLine(req: PlanRequest, tableFile: string | undefined): string {
  const argv = ['plan', '--preset', req.preset, '--dst', formatEndpoint(req.dst.ip, req.dst.port), '--src', req.src, '--flows', String(req.flows), '--queues', String(req.queues)];
  if (req.opts?.key) argv.push('--key', Buffer.from(req.opts.key).toString('hex'));
  if (tableFile) argv.push('--table', vscode.workspace.asRelativePath(tableFile));
  return `queue-lens ${argv.join(' ')}`;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

/** Which key the plan assumes, said plainly: the setting's, the table file's, or the preset's default. */
function keyView(preset: PresetName, s: QueueLensSettings): PlanView['key'] {
  const caps = presetInfo(preset).caps;
  if (caps.key === 'none') return { source: `none: ${preset} hashes without a Toeplitz key`, hex: '' };
  if (s.presetOptions.key) return { source: `from your settings (queueLens.toeplitzKey or the table file), ${s.presetOptions.key.length} bytes`, hex: hex(s.presetOptions.key) };
  if (preset === 'aws-ena-fixed-key') return { source: 'the fixed key of ENA fixed-key instances (built in)', hex: hex(ENA_FIXED_KEY) };
  return { source: `Microsoft's RSS verification key (the default; set queueLens.toeplitzKey to your NIC's key from ethtool -x), ${MS_RSS_KEY.length} bytes`, hex: hex(MS_RSS_KEY) };
}

function choiceView(title: string, c: PortChoice, commands: string[]): PlanView['choices'][number] {
  return { title, rows: c.ports.map((port, i) => ({ port, queue: c.queues[i] })), loads: c.loads, commands };
}

/** The plan as the view draws it. Exported for tests (the view's table against `queue-lens plan`). */
function planView(plan: PlanResult, s: QueueLensSettings, addressesFrom: string): PlanView {
  const req = plan.request;
  const info = presetInfo(req.preset);
  const choices: PlanView['choices'] = [];
  const notes: string[] = [...s.problems];
  if (plan.input !== 'ports') notes.push(`Under ${req.preset} the client port does not move a flow (it hashes ${plan.input}): no choice of ports helps.`);
  if (plan.window) choices.push(choiceView(`Consecutive ports (iperf3 --cport ${plan.window.ports[0]} -P ${req.flows})`, plan.window, [iperf3Command(req, plan.window.ports[0])]));
  else notes.push(`No ${req.flows} consecutive ports in ${req.ports[0]}-${req.ports[1]} spread evenly: iperf3 --cport cannot reproduce a balanced run.`);
  if (plan.anyPorts) choices.push(choiceView('Any ports (one iperf 2 client per port, run together)', plan.anyPorts, iperf2Commands(req, plan.anyPorts.ports)));
  else notes.push(`No set of ${req.flows} ports in ${req.ports[0]}-${req.ports[1]} spreads evenly over ${req.queues} queues.`);
  return {
    title: `Source ports for ${req.flows} streams over ${req.queues} queues`,
    preset: `${req.preset} (${info.exact ? 'exact' : 'model'}): ${info.title}`,
    key: keyView(req.preset, s),
    table: s.tableFile ? vscode.workspace.asRelativePath(s.tableFile) : `none: ${req.queues} queues filled round-robin (i % ${req.queues})`,
    addressesFrom,
    run: `${req.proto ?? 'tcp'} ${req.src}:PORT → ${formatEndpoint(req.dst.ip, req.dst.port)}, client ports ${req.ports[0]}-${req.ports[1]}`,
    cli: commandLine(req, s.tableFile),
    choices,
    notes,
  };
}

/** The active capture's largest flow (by bytes): its sender as client, its receiver's address and port as server. */
async function prefill(registry: DocumentRegistry): Promise<{ src: string; dst: string; from: string } | undefined> {
  const view = registry.activeOf(CaptureDocument);
  if (!view) return undefined;
  const report = await view.document.report().catch(() => undefined);
  const largest = report && largestFlow(report);
  if (!largest) return undefined;
  const { from, to } = largest;
  return { src: from.ip, dst: formatEndpoint(to.ip, to.port), from: `the largest flow of ${view.document.name} (${formatEndpoint(from.ip, from.port)} → ${formatEndpoint(to.ip, to.port)})` };
}

class PlanDocument {
  constructor(readonly name: string, private readonly view: PlanView) {}
  message(): Promise<HostToWebview> {
    return Promise.resolve({ type: 'plan', plan: this.view });
  }
  exportModel(): Promise<ExportModel> {
    return Promise.reject(new Error('a port plan has no report; copy its command lines from the view'));
  }
  dispose(): void {}
}

/**
 * Queue Lens: Plan Source Ports — asks for the run (prefilled from the active capture's largest flow), runs the
 * core planner (the one behind `queue-lens plan`) in the analysis worker and shows its answer in a plan view:
 * the assumptions (preset, Toeplitz key, table), a port → queue table per choice and copyable command lines.
 */
export async function planSourcePorts(context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, arg?: unknown): Promise<PlanView | undefined> {
  const given: PlanArgs = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as PlanArgs) : {};
  const s = await loadSettings(registry.active()?.document.presetScope);
  const exact = PRESETS.filter((p) => p.exact).map((p) => p.name);
  const preset = given.preset ?? (exact.includes(s.preset)
    ? s.preset
    : (await vscode.window.showQuickPick(exact, { title: `Plan source ports: '${s.preset}' is a model (random per socket), so choose an exact preset`, ignoreFocusOut: true })));
  if (!preset) return undefined;
  if (!isPresetName(preset)) {
    void vscode.window.showErrorMessage(`Queue Lens: unknown preset '${preset}' (known: ${PRESET_NAMES.join(', ')})`);
    return undefined;
  }
  const filled = await prefill(registry);
  const ask = (prompt: string, value: string, check: RegExp, hint: string): Thenable<string | undefined> =>
    // ignoreFocusOut: run from the walkthrough, its page re-renders as the step completes and takes the focus
    vscode.window.showInputBox({ title: 'Queue Lens: plan source ports', prompt, value, ignoreFocusOut: true, validateInput: (v) => (check.test(v.trim()) ? undefined : hint) });
  const fromCapture = filled ? ` (from ${filled.from})` : '';
  // called with answers (a script, a test): what they leave out comes from the capture, without prompts
  const scripted = Object.keys(given).length > 0;
  const dst = given.dst ?? (scripted && filled ? filled.dst : undefined) ?? await ask(`Server address and port (iperf -s side)${fromCapture}`, filled?.dst ?? '10.0.0.2:5201', /^(\[[0-9a-fA-F:.]+\]|[0-9.]+):\d{1,5}$/, 'IP:PORT, e.g. 10.0.0.2:5201 or [fd00::2]:5201');
  if (!dst) return undefined;
  const src = given.src ?? (scripted && filled ? filled.src : undefined) ?? await ask(`Client address (iperf -c side)${fromCapture}`, filled?.src ?? '10.0.0.1', /^[0-9a-fA-F:.]+$/, 'an IPv4 or IPv6 address');
  if (!src) return undefined;
  const flows = given.flows !== undefined ? String(given.flows) : await ask('Number of parallel streams (-P)', '8', /^\d{1,3}$/, 'a whole number');
  if (!flows) return undefined;
  const queues = given.queues !== undefined ? String(given.queues) : await ask('Number of queues', String(s.maxQueues), /^\d{1,3}$/, 'a whole number');
  if (!queues) return undefined;
  const typed = !filled || dst.trim() !== filled.dst || src.trim() !== filled.src;
  try {
    const req: PlanRequest = {
      preset, opts: s.presetOptions, proto: 'tcp', src: src.trim(), dst: parseEndpoint(dst.trim()),
      flows: Number(flows.trim()), queues: Number(queues.trim()), ports: DEFAULT_PORTS, reverse: false,
    };
    const plan = await service.run({ kind: 'plan', ...req }).result;
    const view = planView(plan, s, typed ? 'typed in' : filled!.from);
    showDataPanel(context, registry, 'queueLens.plan', `Plan: ${req.flows} streams over ${req.queues} queues`, new PlanDocument(view.title, view));
    return view;
  } catch (e) {
    void vscode.window.showErrorMessage(untrustedText(`Queue Lens: cannot plan source ports: ${errorMessage(e)}`));
    return undefined;
  }
}
