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
  const device = await askDevice(last.device);
  if (!device) return undefined;
  const command = await askCommand(last.command);
  if (!command) return undefined;
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const out = await askRunFolder(base);
  if (!out) return undefined;
  const options = await askOptions();
  if (!options) return undefined;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const line = recordLine(path.join(context.extensionPath, 'dist', 'cli.js'), nodePath(), root, out, device, options, command.argv);
  const go = 'Run in Terminal';
  const answer = await vscode.window.showInformationMessage(
    `Queue Lens will run this in a terminal${root ? '' : ' (with sudo: the tracer and counters need root)'}:\n\n${line}`,
    { modal: true, detail: `It runs only ${shellWord(command.argv[0])} with the arguments you typed, and writes ${out}.` }, go);
  if (answer !== go) return undefined;
  await context.globalState.update('queueLens.record.last', { device, command: command.typed });
  runInTerminal(line, base, out);
  return { line, out };
}

/** Step 1: a device of this host, or one typed (checked as `record --dev` takes it). */
async function askDevice(lastDevice: string | undefined): Promise<string | undefined> {
  const other = { label: '$(edit) Type a device name…' };
  const pick = await vscode.window.showQuickPick([...devices().map((d) => ({ label: d })), other], {
    title: 'Queue Lens: record a run (1/3) — which network device?', placeHolder: lastDevice ?? 'the device the traffic leaves by',
  });
  if (!pick) return undefined;
  if (pick !== other) return pick.label;
  return vscode.window.showInputBox({ title: 'Queue Lens: record a run — device', value: lastDevice ?? '', validateInput: (v) => (DEVICE.test(v) ? undefined : 'a network device name: 1–15 letters, digits, _ . @ -') });
}

/** Step 2: the command line the user types, split into argv as a shell would (no shell runs it). */
async function askCommand(lastCommand: string | undefined): Promise<{ typed: string; argv: string[] } | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Queue Lens: record a run (2/3) — the command to run (e.g. your iperf client)',
    value: lastCommand ?? '', placeHolder: 'iperf3 -c 192.0.2.2 -P 8 -t 10 -J',
    validateInput: (v) => { const r = splitCommand(v); return 'error' in r ? r.error : undefined; },
  });
  if (typed === undefined) return undefined;
  const split = splitCommand(typed);
  return 'error' in split ? undefined : { typed, argv: split.argv };
}

/** Step 3: a run folder that does not exist yet, by default runs/run-<UTC stamp> in the workspace. */
async function askRunFolder(base: string): Promise<string | undefined> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return vscode.window.showInputBox({
    title: 'Queue Lens: record a run (3/3) — the run folder to write (must not exist yet)',
    value: path.join(base, 'runs', `run-${stamp}`),
    validateInput: (v) => (v.trim() === '' ? 'a folder' : fs.existsSync(v) ? 'already exists: record writes a new folder' : undefined),
  });
}

/** record's options: counter snapshots every second (on by default), a headers-only capture. */
async function askOptions(): Promise<string[] | undefined> {
  const extras = await vscode.window.showQuickPick([
    { label: '--interval 1', description: 'snapshot the counters every second (per-queue time series)', picked: true },
    { label: '--capture', description: 'a headers-only capture of the device' },
  ], { title: 'Queue Lens: record a run — options', canPickMany: true });
  return extras?.flatMap((e) => e.label.split(' '));
}

/** Sends the shown line to a new terminal and offers to open the run once it is written. */
function runInTerminal(line: string, cwd: string, out: string): void {
  const terminal = vscode.window.createTerminal({ name: 'Queue Lens: record', cwd });
  terminal.show();
  terminal.sendText(line, true);
  void vscode.window.showInformationMessage(`Recording into ${path.basename(out)}; open it when the command has finished.`, 'Open Recorded Run').then((a) => {
    if (a) void vscode.commands.executeCommand('queueLens.openRecordedRun', vscode.Uri.file(out));
  });
}
