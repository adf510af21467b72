import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordLine } from './recordLine';
import { shellWord, splitCommand } from './shellQuote';

/** A Linux interface name as `record --dev` takes it: 1–15 characters, no slash, no space. */
const DEVICE = /^[A-Za-z0-9_.@-]{1,15}$/;

/** The network devices of this host, for the pick list (reading /sys runs nothing). */
function devices(): string[] {
  try {
    return fs.readdirSync('/sys/class/net').filter((d) => DEVICE.test(d)).sort();
  } catch {
    return [];
  }
}

/** node on the PATH, as an absolute path (sudo's secure_path may not hold it); 'node' when not found. */
function nodePath(): string {
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(d, 'node');
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return 'node';
}

export interface RecordPlan {
  /** The exact line sent to the terminal. */
  line: string;
  out: string;
}

/**
 * Queue Lens: Record a Run… — asks for the device and the command (typed by the user; no setting supplies either),
 * shows the exact command line, and only then runs `queue-lens record` in an integrated terminal, with `sudo` when
 * VS Code does not run as root (visible in the line). Returns the plan it ran, or undefined when cancelled.
 */
export async function recordRun(context: vscode.ExtensionContext): Promise<RecordPlan | undefined> {
  const last = vscode.workspace.isTrusted ? context.globalState.get<{ device?: string; command?: string }>('queueLens.record.last') ?? {} : {};
  const known = devices();
  const other = { label: '$(edit) Type a device name…' };
  const pick = await vscode.window.showQuickPick([...known.map((d) => ({ label: d })), other], {
    title: 'Queue Lens: record a run (1/3) — which network device?', placeHolder: last.device ?? 'the device the traffic leaves by',
  });
  if (!pick) return undefined;
  const device = pick === other
    ? await vscode.window.showInputBox({ title: 'Queue Lens: record a run — device', value: last.device ?? '', validateInput: (v) => (DEVICE.test(v) ? undefined : 'a network device name: 1–15 letters, digits, _ . @ -') })
    : pick.label;
  if (!device) return undefined;
  const typed = await vscode.window.showInputBox({
    title: 'Queue Lens: record a run (2/3) — the command to run (e.g. your iperf client)',
    value: last.command ?? '', placeHolder: 'iperf3 -c 192.0.2.2 -P 8 -t 10 -J',
    validateInput: (v) => { const r = splitCommand(v); return 'error' in r ? r.error : undefined; },
  });
  if (typed === undefined) return undefined;
  const split = splitCommand(typed);
  if ('error' in split) return undefined;
  const argv = split.argv;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const out = await vscode.window.showInputBox({
    title: 'Queue Lens: record a run (3/3) — the run folder to write (must not exist yet)',
    value: path.join(base, 'runs', `run-${stamp}`),
    validateInput: (v) => (v.trim() === '' ? 'a folder' : fs.existsSync(v) ? 'already exists: record writes a new folder' : undefined),
  });
  if (!out) return undefined;
  const extras = await vscode.window.showQuickPick([
    { label: '--interval 1', description: 'snapshot the counters every second (per-queue time series)', picked: true },
    { label: '--capture', description: 'a headers-only capture of the device' },
  ], { title: 'Queue Lens: record a run — options', canPickMany: true });
  if (!extras) return undefined;
  const options = extras.flatMap((e) => e.label.split(' '));
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const line = recordLine(path.join(context.extensionPath, 'dist', 'cli.js'), nodePath(), root, out, device, options, argv);
  const go = 'Run in Terminal';
  const answer = await vscode.window.showInformationMessage(
    `Queue Lens will run this in a terminal${root ? '' : ' (with sudo: the tracer and counters need root)'}:\n\n${line}`,
    { modal: true, detail: `It runs only ${shellWord(argv[0])} with the arguments you typed, and writes ${out}.` }, go);
  if (answer !== go) return undefined;
  await context.globalState.update('queueLens.record.last', { device, command: typed });
  const terminal = vscode.window.createTerminal({ name: 'Queue Lens: record', cwd: base });
  terminal.show();
  terminal.sendText(line, true);
  void vscode.window.showInformationMessage(`Recording into ${path.basename(out)}; open it when the command has finished.`, 'Open Recorded Run').then((a) => {
    if (a) void vscode.commands.executeCommand('queueLens.openRecordedRun', vscode.Uri.file(out));
  });
  return { line, out };
}
