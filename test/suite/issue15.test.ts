// Issue 15, extension side, in the real extension host: per-document presets and their fit, iperf logs by content,
// export and correlate where offered, the plan view, correlation with nothing in common. Each checks the
// extension's answer against the CLI's (run in-process on the same files) or the fixture.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Correlation } from '../../src/core/analysis/correlate/correlate';
import type { PlanView } from '../../src/shared/protocol';
import { main } from '../../src/cli/main';
import { fixturesDir } from '../helpers/paths';
import { retry } from './poll';

const VIEW_TYPE = 'queueLens.capture';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}


function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the samples workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function tmpCopy(...files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-i15-'));
  for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  return dir;
}

/** The active view's JSON export (the document's core models), written without asking. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON export read back, probed field by field
async function exportJson(file: string): Promise<Record<string, any> | undefined> {
  const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format: 'json', target: vscode.Uri.file(file), confirm: false });
  return out ? JSON.parse(fs.readFileSync(out.fsPath, 'utf8')) : undefined;
}

suite('Issue 15: presets per run, content detection, export, plan view, correlation', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('queue-lens.queue-lens')?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a capture keeps its own preset (workspace state) while the global setting stays; clearing it follows the setting again', async () => {
    const dir = tmpCopy(path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng'));
    const uri = vscode.Uri.file(path.join(dir, 'capture.pcapng'));
    const global = vscode.workspace.getConfiguration('queueLens').get<string>('preset');
    await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
    await retry('the capture export', () => exportJson(path.join(dir, 'a.json')));
    assert.equal(await vscode.commands.executeCommand('queueLens.choosePreset', 'windows-pv-8.1'), 'windows-pv-8.1');
    const own = await retry('the spread under the capture’s preset', async () => {
      const j = await exportJson(path.join(dir, 'b.json'));
      return j?.spread?.preset === 'windows-pv-8.1' ? j : undefined;
    });
    // the same flows as `queue-lens spread`-style hashing would see: 8 data flows, exact now
    assert.equal(own.spread.exact, true);
    assert.equal(vscode.workspace.getConfiguration('queueLens').get<string>('preset'), global, 'the global setting is untouched');
    assert.equal(await vscode.commands.executeCommand('queueLens.choosePreset', 'global'), global);
    await retry('the spread under the global preset', async () => {
      const j = await exportJson(path.join(dir, 'c.json'));
      return j?.spread?.preset === global ? j : undefined;
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a VXLAN capture is hashed by its outer UDP flows, or by the inner iperf3 streams with queueLens.tunnelHashing "inner", as the CLI hashes each', async () => {
    const dir = tmpCopy(path.join(fixturesDir, 'iperf3-tcp8-vxlan', 'capture-vxlan.pcap'));
    const file = path.join(dir, 'capture-vxlan.pcap');
    const config = vscode.workspace.getConfiguration('queueLens');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
    await retry('the capture export', () => exportJson(path.join(dir, 'a.json')));
    assert.equal(await vscode.commands.executeCommand('queueLens.choosePreset', 'windows-pv-8.1'), 'windows-pv-8.1');
    // the n = 8 queue of each data flow, and the flow it is named by (its inner flow either way)
    const queuesAt8 = async (want: 'outer' | 'inner'): Promise<{ label: string; queue: number }[]> => {
      const j = await retry(`the spread hashed by the ${want} header`, async () => {
        const x = await exportJson(path.join(dir, `${want}.json`));
        return x?.spread?.preset === 'windows-pv-8.1' && (want === 'inner') === /hashed by their inner flow/.test(x.spread.note ?? '') ? x : undefined;
      });
      const row = j.spread.rows.find((r: { n: number }) => r.n === 8);
      return (j.spread.flows as string[]).map((label, i) => ({ label, queue: row.assignments[i].queue as number }));
    };
    const hash = async (proto: string, src: string, dst: string): Promise<number> =>
      Number(/queue=(\d+)/.exec((await cli(['hash', '--preset', 'windows-pv-8.1', '--proto', proto, '--src', src, '--dst', dst, '--queues', '8'])).out)?.[1]);
    // the CLI's inner flows, each with the carrier it names
    const flows = JSON.parse((await cli(['flows', file, '--json'])).out) as { flows: { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number }; tunnel?: { a: { ip: string; port: number }; b: { ip: string; port: number } } }[] };
    const ep = (e: { ip: string; port: number }): string => `${e.ip}:${e.port}`;
    const outer = await queuesAt8('outer');
    assert.equal(outer.length, 8);
    try {
      await config.update('tunnelHashing', 'inner', vscode.ConfigurationTarget.Global);
      const inner = await queuesAt8('inner');
      assert.deepEqual(inner.map((f) => f.label), outer.map((f) => f.label), 'the same 8 data flows, named alike');
      for (const [i, f] of inner.entries()) {
        const m = /^tcp (\S+) → (\S+)$/.exec(f.label);
        assert.ok(m, f.label);
        const cliFlow = flows.flows.find((x) => x.tunnel && ep(x.a) === m[1] && ep(x.b) === m[2]);
        assert.ok(cliFlow?.tunnel, `the CLI has ${f.label} as a tunnelled flow`);
        assert.equal(f.queue, await hash('tcp', m[1], m[2]), `inner hashing: ${f.label}`);
        assert.equal(outer[i].queue, await hash('udp', ep(cliFlow.tunnel.a), ep(cliFlow.tunnel.b)), `outer hashing: ${f.label} via ${ep(cliFlow.tunnel.a)}`);
      }
      assert.notDeepEqual(inner.map((f) => f.queue), outer.map((f) => f.queue), 'the two headers give other queues');
    } finally {
      await config.update('tunnelHashing', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('queueLens.choosePreset', 'global');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the preset suggestion reads the capture’s pcapng SHB, a pcap’s sender TTL and the logs’ system_info', async () => {
    const { suggestForCapture, suggestForFolder } = await import('../../src/extension/settings/suggestFor');
    const cap = await suggestForCapture(path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng'));
    assert.deepEqual(cap, { preset: 'linux-tx', evidence: 'Linux 6.18.44 in capture.pcapng (the capturing host)' });
    // a pcap names no OS: the TTL of the largest flow's sender does (tshark: 10.1.1.11's packets arrive with TTL 128)
    const ttl = await suggestForCapture(path.join(fixturesDir, 'public-captures', 'tcpdump-pptp.pcap'), '10.1.1.11');
    assert.equal(ttl?.preset, 'windows-pv-8.2-rss');
    assert.match(ttl?.evidence ?? '', /initial TTL 128/);
    const runs = await suggestForFolder(path.join(fixturesDir, 'measured-queues'));
    assert.equal(runs?.preset, 'linux-tx');
    assert.match(runs?.evidence ?? '', /^Linux 6\.18\.44 in q2-k8-t1[/\\]client\.json$/);
  });

  test('Compare Queue Counts with an exact preset the counters contradict says "does not fit this run", as the CLI computes; Export covers the sweep', async () => {
    const folder = workspaceFile('measured-queues');
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('queueLens.compareQueueCounts', folder);
    assert.ok(panel);
    await vscode.commands.executeCommand('queueLens.choosePreset', 'windows-pv-8.1');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-sweep-'));
    try {
      const shown = await retry('the sweep under windows-pv-8.1', async () => {
        const j = await exportJson(path.join(out, 'sweep.json'));
        return j?.sweep?.preset === 'windows-pv-8.1' ? j.sweep : undefined;
      });
      const want = JSON.parse((await cli(['sweep', folder.fsPath, '--preset', 'windows-pv-8.1', '--json'])).out.split('\n')[0]);
      assert.deepEqual(shown.presetFit, want.presetFit);
      assert.equal(shown.presetFit.fits, false);
      assert.deepEqual(shown.sentences, want.sentences);
      const csv = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'sweep-csv', target: vscode.Uri.file(path.join(out, 'sweep.csv')), confirm: false });
      assert.equal(fs.readFileSync(csv.fsPath, 'utf8').trim().split('\r\n').length, 1 + want.points.length);
      const runs = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'runs-csv', target: vscode.Uri.file(path.join(out, 'runs.csv')), confirm: false });
      const runRows = fs.readFileSync(runs.fsPath, 'utf8').trim().split('\r\n');
      assert.equal(runRows.length, 1 + want.runs.length);
      assert.ok(runRows.slice(1).every((r) => /,false,/.test(r)), 'every run: preset_fits false');
      const html = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'html', target: vscode.Uri.file(path.join(out, 'sweep.html')), confirm: false });
      const report = fs.readFileSync(html.fsPath, 'utf8');
      assert.match(report, /does not fit these runs/);
      assert.ok((report.match(/src="data:image\/png;base64,/g) ?? []).length >= 1, 'the sweep chart is in the report');
      const png = await vscode.commands.executeCommand<vscode.Uri>('queueLens.exportReport', { format: 'png', target: vscode.Uri.file(path.join(out, 'sweep.png')), confirm: false });
      assert.deepEqual([...fs.readFileSync(png.fsPath).subarray(1, 4)], [0x50, 0x4e, 0x47]);
      // Correlate is a capture's command: on the sweep panel it does nothing (and the menu hides it)
      assert.equal(await vscode.commands.executeCommand('queueLens.correlateLog', vscode.Uri.file(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'))), undefined);
    } finally {
      await vscode.commands.executeCommand('queueLens.choosePreset', 'global');
      panel.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('Compare Queue Counts on logs without counters: an exact preset too few queues for the measured throughput "does not fit", as the CLI computes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-logs-only-'));
    const experiment = workspaceFile('experiment').fsPath;
    for (const f of fs.readdirSync(experiment).filter((f) => f.endsWith('.iperf.log'))) fs.copyFileSync(path.join(experiment, f), path.join(dir, f));
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('queueLens.compareQueueCounts', vscode.Uri.file(dir));
    assert.ok(panel);
    try {
      await vscode.commands.executeCommand('queueLens.choosePreset', 'nic-rss-toeplitz');
      const shown = await retry('the sweep under nic-rss-toeplitz', async () => {
        const j = await exportJson(path.join(dir, '..', `${path.basename(dir)}.json`));
        return j?.sweep?.preset === 'nic-rss-toeplitz' ? j.sweep : undefined;
      });
      const want = JSON.parse((await cli(['sweep', dir, '--preset', 'nic-rss-toeplitz', '--json'])).out.split('\n')[0]);
      assert.deepEqual(shown.presetFit, want.presetFit);
      assert.equal(shown.presetFit.by, 'throughput');
      assert.ok(shown.presetFit.contradicted > 0);
      assert.deepEqual(shown.sentences, want.sentences);
      assert.ok(shown.sentences.some((t: string) => /contradicts the measured throughput/.test(t)));
    } finally {
      await vscode.commands.executeCommand('queueLens.choosePreset', 'global');
      panel.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}.json`, { force: true });
    }
  });

  test('an iperf3 -J log saved as *.out is recognised by content: iperf language, analysable, the CLI’s streams', async () => {
    const dir = tmpCopy(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'));
    const uri = vscode.Uri.file(path.join(dir, 'client.out'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await retry('the iperf language', async () => (vscode.window.activeTextEditor?.document.languageId === 'iperf' ? true : undefined), 20_000);
    const args = await vscode.commands.executeCommand<{ title: string; flows: Array<{ tuple: { src: { port: number } } }> } | undefined>('queueLens.analyseIperfLog', uri);
    assert.ok(args, 'the log was analysed');
    const want = JSON.parse((await cli(['iperf', uri.fsPath, '--json'])).out) as { tests: Array<{ streams: Array<{ local: { port: number } }> }> };
    assert.deepEqual(args.flows.map((f) => f.tuple.src.port), want.tests[0].streams.map((s) => s.local.port));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Plan Source Ports opens a plan view prefilled from the capture’s largest flow, with the key and the CLI’s ports', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng')), VIEW_TYPE);
    await retry('the capture', () => exportJson(path.join(os.tmpdir(), `ql-plan-${process.pid}.json`)));
    const view = await vscode.commands.executeCommand<PlanView | undefined>('queueLens.planSourcePorts', { preset: 'nic-rss-toeplitz', flows: 8, queues: 4 });
    assert.ok(view);
    assert.match(view.addressesFrom, /^the largest flow of capture\.pcapng \(10\.201\.0\.1:\d+ → 10\.201\.0\.2:5201\)$/);
    assert.match(view.key.source, /Microsoft's RSS verification key/);
    assert.equal(view.key.hex.slice(0, 11), '6d:5a:56:da');
    const want = (await cli(['plan', '--preset', 'nic-rss-toeplitz', '--src', '10.201.0.1', '--dst', '10.201.0.2:5201', '--flows', '8', '--queues', '4'])).out;
    const consecutive = /consecutive[^\n]*\n {2}ports ([\d ]+)\n {2}queues ([\d ]+)/.exec(want);
    assert.ok(consecutive);
    assert.equal(view.choices[0].rows.map((r) => r.port).join(' '), consecutive[1].trim());
    assert.equal(view.choices[0].rows.map((r) => r.queue).join(' '), consecutive[2].trim());
    assert.ok(want.includes(view.choices[0].commands[0]), 'the iperf3 line is the CLI’s');
    const tab = await retry('the plan tab', async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /plan/i.test((t.input as vscode.TabInputWebview).viewType)));
    assert.match(tab.label, /^Plan: 8 streams over 4 queues$/);
    assert.equal(vscode.workspace.textDocuments.some((d) => d.isUntitled), false, 'no Untitled document');
  });

  test('correlating a log of another run explains why, as the CLI does (which exits 2)', async () => {
    const capture = path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng');
    const other = path.join(fixturesDir, 'iperf2-tcp8-text', 'client.out');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(capture), VIEW_TYPE);
    const shown = await retry('the correlation', () => vscode.commands.executeCommand<Correlation | undefined>('queueLens.correlateLog', vscode.Uri.file(other)));
    const r = await cli(['correlate', capture, other, '--json']);
    assert.equal(r.code, 2);
    const want = JSON.parse(r.out) as Correlation;
    assert.equal(shown.matched.length, 0);
    assert.equal(shown.noMatch, want.noMatch);
    assert.match(shown.noMatch ?? '', /^different ports/);
  });
});
