// Issue 20 in the real extension host: a capture with a 120 MB `qdisc-after.txt` of newlines beside it, and the
// fragment bomb. Both are generated at test time in a temp folder (nothing large is committed). The host lives on,
// and the editor says what happened, naming the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as vscode from 'vscode';
import { fixturesDir } from '../helpers/paths';
import { writeFragmentBomb, writeNewlines } from '../fuzz/bombs20';
import { retry } from './poll';

const VIEW_TYPE = 'queueLens.capture';
const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');

/** The active capture view's JSON export, written to `file` without asking. */
async function exportedJson(file: string): Promise<{ capture?: { packets: number; warnings: string[]; flows: unknown[] } } | undefined> {
  const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: vscode.Uri.file(file), confirm: false });
  return out ? JSON.parse(fs.readFileSync(out.fsPath, 'utf8')) : undefined;
}

suite('Issue 20: hostile files beside a capture', () => {
  let dir: string;
  suiteSetup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-hostile20-'));
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a 120 MB qdisc-after.txt of newlines beside a capture: the host lives, the editor names the file and its cap', async () => {
    const run = path.join(dir, 'newlines');
    fs.mkdirSync(run);
    const capture = path.join(run, 'capture.pcap');
    fs.copyFileSync(path.join(RUN, 'capture.pcap'), capture);
    const after = path.join(run, 'qdisc-after.txt');
    writeNewlines(after, 120 * 2 ** 20);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(capture), VIEW_TYPE);
    const shown = await retry('the capture editor measuring its run', () =>
      vscode.commands.executeCommand<{ error: string } | { queues: number } | undefined>('queueLens.useRunCounters', vscode.Uri.file(after)));
    assert.ok('error' in shown, `an error, not a result: ${JSON.stringify(shown).slice(0, 300)}`);
    assert.ok(shown.error.includes(after), `names the file: ${shown.error}`);
    assert.match(shown.error, /it is 120\.0 MiB; a counter snapshot is at most 16\.0 MiB/);
    // the host and the editor still answer: its flows export as before
    const json = await retry('the export', () => exportedJson(path.join(dir, 'newlines.json')));
    assert.ok(json.capture && json.capture.flows.length > 0, 'the capture view stays');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the fragment bomb (300 000 later fragments of one datagram, .pcap.gz): the host lives, the editor shows the bounded result', async () => {
    const raw = path.join(dir, 'frag.pcap');
    writeFragmentBomb(raw, 300_000);
    const gz = path.join(dir, 'frag.pcap.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(raw), { level: 9 }));
    fs.rmSync(raw);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(gz), VIEW_TYPE);
    const json = await retry('the fragment bomb read', () => exportedJson(path.join(dir, 'frag.json')));
    assert.ok(json.capture, JSON.stringify(json).slice(0, 300));
    assert.equal(json.capture.packets, 300_000);
    const w = json.capture.warnings.join('\n');
    assert.match(w, /beyond 8192 per datagram or 262144 in all were not held/);
    assert.match(w, /300000 IP fragments \(12600000 bytes\) of datagrams never completed/);
    // the host still runs jobs: the measured run opens as before
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path.join(RUN, 'capture.pcap')), VIEW_TYPE);
    const ok = await retry('a normal capture after the bomb', () => exportedJson(path.join(dir, 'after.json')));
    assert.ok(ok.capture && ok.capture.flows.length > 0);
  });
});
