// iperf logs in the extension host: the hover's queue table and the CodeLens, checked against the hashing core.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FlowTuple, queueOf } from '../../src/core/hashing';
import { fixturesDir } from '../helpers/paths';

const PRESET = 'windows-pv-8.1';
const LOG = 'iperf2-8-streams.iperf.log';
/** iperf 2's client line: the client (this host) sends, so local is the source. */
const CONNECT = /local (\S+) port (\d+) connected with (\S+) port (\d+)/;

interface ConnectLine { line: number; tuple: FlowTuple }

/** The connect lines found by a regex of their own, so the test does not trust the parser under test. */
function connectLines(doc: vscode.TextDocument): ConnectLine[] {
  const out: ConnectLine[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const m = CONNECT.exec(doc.lineAt(line).text);
    if (m) out.push({ line, tuple: { proto: 'tcp', src: { ip: m[1], port: Number(m[2]) }, dst: { ip: m[3], port: Number(m[4]) } } });
  }
  return out;
}

/** The hover's Markdown with backslash escapes removed: the text a reader sees. */
function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .filter((v) => v.includes('Queue Lens'))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1');
}

async function hoverText(uri: vscode.Uri, line: number, character = 5): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
  return markdownOf(hovers ?? []);
}

/** The hover's "| n | 1 | 2 | … |" / "| queue | 0 | 3 | … |" table rows, joined over its parts. */
function queueCells(md: string): { n: number; queue: string }[] {
  const lines = md.split('\n');
  const out: { n: number; queue: string }[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('| n |')) return;
    const cells = (row: string | undefined): string[] => (row ?? '').split('|').slice(2, -1).map((c) => c.trim().replace(/^`(.*)`$/, '$1'));
    const ns = cells(l);
    const qs = cells(lines.slice(i + 1).find((r) => r.startsWith('| queue |')));
    ns.forEach((n, k) => out.push({ n: Number(n), queue: qs[k] }));
  });
  return out;
}

/** The single "hash `0x…`" line of an exact preset's hover. */
function hashLine(md: string): string | undefined {
  return /^hash `(0x[0-9a-f]{8})`$/m.exec(md)?.[1];
}

async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).filter((l) => l.command?.command === 'queueLens.showSpread');
}

async function setGlobal(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('queueLens').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('iperf logs: hover and CodeLens', () => {
  const saved = new Map<string, unknown>();
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const config = vscode.workspace.getConfiguration('queueLens');
    for (const key of ['preset', 'maxQueues', 'annotations.enabled']) saved.set(key, config.inspect(key)?.globalValue);
    await setGlobal('preset', PRESET);
    await setGlobal('maxQueues', 8);
    await setGlobal('annotations.enabled', true);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with the samples workspace open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, LOG));
    await vscode.window.showTextDocument(doc);
    await vscode.extensions.getExtension('queue-lens.queue-lens')?.activate();
  });

  suiteTeardown(async () => {
    for (const [key, value] of saved) await setGlobal(key, value);
    // The scratch logs are untitled and dirty: revert them so closing asks nothing.
    for (const d of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled')) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the sample has 8 connect lines (the fixture this suite relies on)', () => {
    assert.equal(doc.languageId, 'iperf');
    assert.equal(connectLines(doc).length, 8);
  });

  test('the hover on every connect line tabulates queue and hash for n = 1..8, equal to queueOf', async () => {
    for (const { line, tuple } of connectLines(doc)) {
      const md = await hoverText(doc.uri, line);
      assert.match(md, /Windows PV drivers 8\.1/, `line ${line}: the preset title`);
      assert.match(md, /`windows-pv-8\.1`/);
      assert.match(md, /exact/);
      const cells = queueCells(md);
      assert.deepEqual(cells.map((c) => c.n), [1, 2, 3, 4, 5, 6, 7, 8], `line ${line}: one column per n`);
      for (const c of cells) {
        const want = queueOf(PRESET, tuple, c.n);
        assert.ok(want);
        assert.equal(c.queue, String(want.queue), `line ${line} n=${c.n}: queue`);
        assert.equal(hashLine(md), `0x${want.hash.toString(16).padStart(8, '0')}`, `line ${line} n=${c.n}: hash`);
      }
    }
  });

  test('lines that are not connect lines get no queue hover', async () => {
    const connect = new Set(connectLines(doc).map((c) => c.line));
    const other = [...Array(Math.min(doc.lineCount, 30)).keys()].filter((l) => !connect.has(l)).slice(0, 5);
    assert.ok(other.length > 0);
    for (const line of other) assert.equal(await hoverText(doc.uri, line), '', `line ${line}`);
  });

  test('one CodeLens per test, above its first connect line, naming the stream count and carrying the flows', async () => {
    const lenses = await ourLenses(doc.uri);
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    const lines = connectLines(doc);
    assert.equal(lens.command?.title, 'Queue spread of these 8 streams');
    assert.equal(lens.range.start.line, Math.min(...lines.map((c) => c.line)));
    const arg = lens.command?.arguments?.[0] as { title: string; flows: { tuple: FlowTuple; bytes?: number }[] };
    assert.equal(typeof arg.title, 'string');
    assert.match(arg.title, new RegExp(LOG.replace(/\./g, '\\.')));
    const key = (t: FlowTuple): string => `${t.proto} ${t.src.ip}:${t.src.port} > ${t.dst.ip}:${t.dst.port}`;
    assert.deepEqual(arg.flows.map((f) => key(f.tuple)).sort(), lines.map((c) => key(c.tuple)).sort());
    for (const f of arg.flows) assert.ok((f.bytes ?? 0) > 0, 'each flow carries its bytes');
  });

  test('a preset change shows in the hover (a model without a seed has no queue)', async () => {
    const [{ line }] = connectLines(doc);
    await setGlobal('preset', 'linux-tx');
    try {
      const md = await hoverText(doc.uri, line);
      assert.match(md, /`linux-tx`/);
      assert.match(md, /a model/);
      assert.equal(hashLine(md), undefined, 'no hash for a random per-connection queue');
      assert.deepEqual(queueCells(md).map((c) => c.queue), Array(8).fill('?'));
      assert.match(md, /^\| P\(each queue\) \| ≈1\/1 \| ≈1\/2 \| ≈1\/3 \| ≈1\/4 \| ≈1\/5 \| ≈1\/6 \| ≈1\/7 \| ≈1\/8 \|$/m);
    } finally {
      await setGlobal('preset', PRESET);
    }
  });

  test('with annotations disabled there is no hover and no CodeLens', async () => {
    const [{ line }] = connectLines(doc);
    await setGlobal('annotations.enabled', false);
    try {
      assert.equal(await hoverText(doc.uri, line), '');
      assert.equal((await ourLenses(doc.uri)).length, 0);
    } finally {
      await setGlobal('annotations.enabled', true);
    }
    assert.equal((await ourLenses(doc.uri)).length, 1);
  });

  test('Toggle Annotations flips the user setting', async () => {
    const get = (): boolean | undefined => vscode.workspace.getConfiguration('queueLens').get<boolean>('annotations.enabled');
    assert.equal(get(), true);
    await vscode.commands.executeCommand('queueLens.toggleAnnotations');
    assert.equal(get(), false);
    await vscode.commands.executeCommand('queueLens.toggleAnnotations');
    assert.equal(get(), true);
  });

  test('the hover follows edits of the log', async () => {
    const text = '[  3] local 192.168.20.1 port 49153 connected with 192.168.20.2 port 5001\n';
    const scratch = await vscode.workspace.openTextDocument({ language: 'iperf', content: text });
    const before = queueCells(await hoverText(scratch.uri, 0));
    const want = (port: number): string =>
      String(queueOf(PRESET, { proto: 'tcp', src: { ip: '192.168.20.1', port }, dst: { ip: '192.168.20.2', port: 5001 } }, 8)?.queue);
    assert.notEqual(want(49153), want(40000), 'the edit moves the flow to another queue');
    assert.equal(before.at(-1)?.queue, want(49153));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(scratch.uri, new vscode.Range(0, 30, 0, 35), '40000');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(scratch.lineAt(0).text, /port 40000 connected/);
    const after = queueCells(await hoverText(scratch.uri, 0));
    assert.equal(after.at(-1)?.queue, want(40000));
  });

  test('a malformed log gives no hover and no CodeLens, and nothing throws', async () => {
    const bad = await vscode.workspace.openTextDocument({
      language: 'iperf',
      content: [
        'Client connecting to 192.168.20.2, TCP port 5001',
        '[  3] local 192.168.20.1 port 49x53 connected with 192.168.20.2 port 5001',
        '',
      ].join('\n'),
    });
    assert.equal(await hoverText(bad.uri, 1), '');
    assert.equal((await ourLenses(bad.uri)).length, 0);
  });

  test('Analyse iperf Log on the sample hands its 8 streams to queueLens.showSpread', async () => {
    await vscode.window.showTextDocument(doc);
    const shown = await vscode.commands.executeCommand<{ flows: { tuple: FlowTuple }[] } | undefined>('queueLens.analyseIperfLog');
    // Streams come in id order, connect lines in the order iperf printed them: compare as sets.
    assert.deepEqual(shown?.flows.map((f) => `${f.tuple.src.ip}:${f.tuple.src.port}`).sort(), connectLines(doc).map((c) => `${c.tuple.src.ip}:${c.tuple.src.port}`).sort());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Analyse iperf Log reads an iperf3 -J log (the JSON fixture) through the command', async () => {
    const file = path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out');
    // The test's own reading of the JSON: the client's "connected" entries.
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { start: { connected: { local_host: string; local_port: number; remote_host: string; remote_port: number }[] } };
    const shown = await vscode.commands.executeCommand<{ flows: { tuple: FlowTuple }[] } | undefined>('queueLens.analyseIperfLog', vscode.Uri.file(file));
    assert.ok(shown, 'a spread was shown');
    assert.deepEqual(
      shown.flows.map((f) => `${f.tuple.src.ip}:${f.tuple.src.port}>${f.tuple.dst.ip}:${f.tuple.dst.port}`).sort(),
      json.start.connected.map((c) => `${c.local_host}:${c.local_port}>${c.remote_host}:${c.remote_port}`).sort(),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
