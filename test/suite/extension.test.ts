// Extension-host tests: they call the real VS Code API of the VS Code they run in.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturesDir } from '../helpers/paths';

const EXTENSION_ID = 'queue-lens.queue-lens';
const VIEW_TYPE = 'queueLens.capture';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the samples workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function activeCustomTab(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

suite('Queue Lens in VS Code', () => {
  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.displayName, 'Queue Lens');
  });

  test('its commands are registered, all in the Queue Lens category', async () => {
    const all = await vscode.commands.getCommands(true);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const declared = (ext?.packageJSON.contributes.commands ?? []) as { command: string; category: string }[];
    assert.ok(declared.length > 0);
    for (const c of declared) {
      assert.ok(all.includes(c.command), `${c.command} is registered`);
      assert.equal(c.category, 'Queue Lens');
    }
  });

  test('vscode.openWith on a capture gives a custom editor tab of our view type', async () => {
    const uri = workspaceFile('iperf2-8-streams.pcap');
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    const tab = await waitFor('the custom editor tab', activeCustomTab);
    assert.equal(tab.viewType, VIEW_TYPE);
    assert.equal(tab.uri.toString(), uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Capture with a file argument opens the same editor', async () => {
    const uri = workspaceFile('iperf2-8-streams.pcap');
    await vscode.commands.executeCommand('queueLens.openCapture', uri);
    const tab = await waitFor('the custom editor tab', activeCustomTab);
    assert.equal(tab.viewType, VIEW_TYPE);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('iperf logs open in the iperf language', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('iperf2-8-streams.iperf.log'));
    assert.equal(doc.languageId, 'iperf');
  });

  test('Show Queue Spread accepts { title, flows } and refuses anything else', async () => {
    const flows = [0, 1].map((i) => ({ tuple: { proto: 'tcp', src: { ip: '10.0.0.1', port: 40000 + i }, dst: { ip: '10.0.0.2', port: 5001 } } }));
    assert.equal(await vscode.commands.executeCommand('queueLens.showSpread', { title: 'two streams', flows }), true);
    for (const bad of [undefined, 'x', { title: 1, flows }, { title: 't', flows: [{ tuple: { proto: 'icmp' } }] }]) {
      assert.equal(await vscode.commands.executeCommand('queueLens.showSpread', bad), undefined, JSON.stringify(bad));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Compare Queue Counts opens a panel for the sample experiment folder', async () => {
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('queueLens.compareQueueCounts', workspaceFile('experiment'));
    assert.ok(panel, 'a panel opened');
    assert.equal(panel.viewType, 'queueLens.sweep');
    assert.match(panel.title, /experiment/);
    panel.dispose();
  });

  test('Export Report writes the HTML report (charts as PNG images), the flows CSV and JSON of the open capture', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-export-'));
    await vscode.commands.executeCommand('vscode.openWith', workspaceFile('iperf2-8-streams.pcap'), VIEW_TYPE);
    const target = (name: string): vscode.Uri => vscode.Uri.file(path.join(out, name));
    // The view is exportable once the host has sent it the capture.
    const deadline = Date.now() + 30_000;
    let json: vscode.Uri | undefined;
    while (!json && Date.now() < deadline) {
      json = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: target('capture.json'), confirm: false });
      if (!json) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(json, 'the JSON export was written');
    const data = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { capture: { packets: number; flows: unknown[] } };
    assert.equal(data.capture.packets, 3633);
    assert.equal(data.capture.flows.length, 16);
    const csv = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'flows-csv', target: target('flows.csv'), confirm: false });
    assert.equal(fs.readFileSync(csv.fsPath, 'utf8').trim().split('\r\n').length, 17, 'a header and 16 flows');
    // the model is ready before the page has drawn its charts: export again until the charts are in
    const images = (text: string): number => (text.match(/<img alt="[^"]*" src="data:image\/png;base64,/g) ?? []).length;
    let report = '';
    for (const until = Date.now() + 30_000; images(report) < 3 && Date.now() < until;) {
      const html = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'html', target: target('report.html'), confirm: false });
      report = fs.readFileSync(html.fsPath, 'utf8');
      if (images(report) < 3) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(images(report) >= 3, 'the charts are embedded as PNG');
    assert.ok(!/(src|href)="https?:/.test(report), 'no external resources');
    assert.match(report, /iperf2-8-streams\.pcap/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('a capture that changes on disk while open is read again', async () => {
    const fixtures = fixturesDir;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-change-'));
    const file = path.join(dir, 'changing.pcap');
    fs.copyFileSync(path.join(fixtures, 'iperf3-reverse-vlan', 'capture-vlan.pcap'), file); // 3 693 packets
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
    const packets = async (): Promise<number | undefined> => {
      const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: vscode.Uri.file(path.join(dir, 'view.json')), confirm: false });
      return out ? (JSON.parse(fs.readFileSync(out.fsPath, 'utf8')) as { capture: { packets: number } }).capture.packets : undefined;
    };
    const waitForPackets = async (want: number): Promise<void> => {
      const until = Date.now() + 30_000;
      let seen: number | undefined;
      while ((seen = await packets()) !== want) {
        if (Date.now() > until) throw new Error(`the view shows ${seen} packets, not ${want}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await waitForPackets(3693);
    fs.copyFileSync(path.join(fixtures, 'iperf2-tcp8-text', 'capture.pcap'), file); // 3 633 packets
    await waitForPackets(3633);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

