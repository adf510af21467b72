// Per-queue counters in the real extension host: the counters panel's model is `queue-lens counters --json`, and a
// capture's measured queues are `queue-lens observed --json`, on the measured-queues runs (ground truth: truth.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countersCommand } from '../../src/cli/countersCommand';
import { observedCommand } from '../../src/cli/observedCommand';
import { escapeHtml } from '../../src/core/export/htmlReport';
import { fixturesDir } from '../helpers/paths';
import { retry } from './poll';

const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');

/** Runs a CLI subcommand in-process (the same code as dist/cli.js) and returns its exit code and stdout. */
async function cli(command: typeof countersCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}


/** The active view's export in one format, written to `file` without asking; its text. */
async function exported(format: 'json' | 'html', file: string): Promise<string | undefined> {
  const out = await vscode.commands.executeCommand<vscode.Uri | undefined>('queueLens.exportReport', { format, target: vscode.Uri.file(file), confirm: false });
  return out ? fs.readFileSync(out.fsPath, 'utf8') : undefined;
}

interface Fit { preset: string; fits: boolean; reason?: string; text: string; streams: { localPort: number; queue: number; allowed: boolean }[] }

interface Truth { queues: number; portQueue: Record<string, number> }
const truth = JSON.parse(fs.readFileSync(path.join(RUN, 'truth.json'), 'utf8')) as Truth;

suite('Per-queue counters', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a qdisc snapshot opens with its "before" beside it: the model is the CLI’s after − before, 4 of 5 queues busy', async () => {
    const after = path.join(RUN, 'qdisc-after.txt');
    const shown = await vscode.commands.executeCommand<{ counters: unknown; before: string | null } | { error: string }>('queueLens.openCounters', vscode.Uri.file(after));
    assert.ok(shown && 'counters' in shown, `the panel read the counters: ${JSON.stringify(shown)}`);
    assert.equal(shown.before, path.join(RUN, 'qdisc-before.txt'), 'the earlier snapshot beside it was used');
    const c = await cli(countersCommand, [after, '--before', path.join(RUN, 'qdisc-before.txt'), '--json']);
    assert.equal(c.code, 0, c.err);
    assert.deepEqual(shown.counters, JSON.parse(c.out));
    const tx = (shown.counters as { tx: { bytes: number }[] }).tx;
    assert.equal(tx.length, truth.queues);
    // the truth: every port's queue from the per-port htb classes; the busy queues are the queues some port used
    const used = new Set(Object.values(truth.portQueue));
    assert.deepEqual(tx.map((q, i) => (q.bytes > 0.01 * Math.max(...tx.map((x) => x.bytes)) ? i : -1)).filter((i) => i >= 0), [...used].sort());
  });

  test('an ethtool dump of veth (XDP counters only) is an error naming the file, as the CLI says; no panel data is invented', async () => {
    const after = path.join(RUN, 'ethtool-after.txt');
    const shown = await vscode.commands.executeCommand<{ error: string } | object>('queueLens.openCounters', vscode.Uri.file(after), null);
    assert.ok(shown && 'error' in shown, 'an error');
    const c = await cli(countersCommand, [after, '--json']);
    assert.equal(c.code, 2);
    assert.ok(shown.error.includes(after), `names the file: ${shown.error}`);
    assert.ok(c.err.includes(shown.error), `the CLI says the same: ${c.err}`);
  });

  test('the capture editor takes the run’s counters: each flow’s measured queue is the CLI’s and the truth', async () => {
    const capture = vscode.Uri.file(path.join(RUN, 'capture.pcap'));
    await vscode.commands.executeCommand('vscode.openWith', capture, 'queueLens.capture');
    type Observed = { queues: number; busyQueues: number; streams: { localPort: number; queue: number | null; candidates: number[] }[] };
    // chosen by the command (the same files the run folder's search finds)
    let shown: Observed | undefined;
    const until = Date.now() + 60_000;
    while (!shown && Date.now() < until) {
      shown = await vscode.commands.executeCommand<Observed | undefined>('queueLens.useRunCounters', vscode.Uri.file(path.join(RUN, 'qdisc-after.txt')));
      if (!shown) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(shown, 'the capture editor became active and measured its run');
    const c = await cli(observedCommand, [RUN, '--json']);
    assert.equal(c.code, 0, c.err);
    const want = JSON.parse(c.out) as Observed;
    assert.deepEqual(shown.streams, want.streams);
    assert.equal(shown.busyQueues, 4);
    for (const s of shown.streams) assert.equal(s.queue, truth.portQueue[String(s.localPort)], `port ${s.localPort}`);
  });

  test('the capture’s exact preset against its run’s counters: the fit is `queue-lens observed --preset`’s, in the view and the export', async () => {
    const capture = vscode.Uri.file(path.join(RUN, 'capture.pcap'));
    await vscode.commands.executeCommand('vscode.openWith', capture, 'queueLens.capture');
    const after = vscode.Uri.file(path.join(RUN, 'qdisc-after.txt'));
    type Shown = { streams: unknown[]; presetFit?: Fit };
    await retry('the capture editor measuring its run', () => vscode.commands.executeCommand<Shown | undefined>('queueLens.useRunCounters', after));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-fit-'));
    try {
      // this capture's own preset: an exact one the counters contradict
      assert.equal(await vscode.commands.executeCommand('queueLens.choosePreset', 'windows-pv-8.1'), 'windows-pv-8.1');
      const shown = await retry('the fit under windows-pv-8.1', async () => {
        const r = await vscode.commands.executeCommand<Shown | undefined>('queueLens.useRunCounters', after);
        return r?.presetFit?.preset === 'windows-pv-8.1' ? r : undefined;
      });
      const c = await cli(observedCommand, [RUN, '--preset', 'windows-pv-8.1', '--json']);
      assert.equal(c.code, 0, c.err);
      const want = JSON.parse(c.out) as Shown & { presetFit: Fit };
      assert.deepEqual(shown.presetFit, want.presetFit);
      assert.deepEqual(shown.streams, want.streams);
      assert.equal(want.presetFit.fits, false);
      assert.match(want.presetFit.text, /^Preset windows-pv-8\.1 does not fit this run: it puts the 8 streams on 5 of 5 queues, the counters show 4 busy; 6 of 8 streams on a queue the counters rule out: port 41000 on q0 \(counters: q1\)/);
      // every stream the preset puts where the truth is not is one the counters rule out
      for (const s of want.presetFit.streams) assert.equal(s.allowed, s.queue === truth.portQueue[String(s.localPort)], `port ${s.localPort}`);
      // the export carries the same fit, and the HTML report says it
      const json = JSON.parse(await retry('the JSON export', () => exported('json', path.join(out, 'capture.json')))) as { observed?: { presetFit?: Fit } };
      assert.deepEqual(json.observed?.presetFit, want.presetFit);
      const html = await retry('the HTML export', () => exported('html', path.join(out, 'capture.html')));
      assert.ok(html.includes(`<p class="warning">${escapeHtml(want.presetFit.text)}</p>`), 'the report says the preset does not fit');
      // a model preset predicts no queue per flow: no fit is claimed either way
      await vscode.commands.executeCommand('queueLens.choosePreset', 'linux-tx');
      const model = await retry('the run under linux-tx', async () => {
        const r = await vscode.commands.executeCommand<Shown | undefined>('queueLens.useRunCounters', after);
        const j = JSON.parse((await exported('json', path.join(out, 'model.json'))) ?? '{}') as { spread?: { preset: string } };
        return r && j.spread?.preset === 'linux-tx' ? r : undefined;
      });
      assert.equal(model.presetFit, undefined);
      const m = await cli(observedCommand, [RUN, '--preset', 'linux-tx', '--json']);
      assert.equal((JSON.parse(m.out) as Shown).presetFit, undefined);
    } finally {
      await vscode.commands.executeCommand('queueLens.choosePreset', 'global');
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('paths in a capture’s warnings and its report: workspace-relative inside the workspace, in full outside it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with the samples workspace open');
    const cut = path.join(fixturesDir, 'bad', 'truncated-mid-record.pcap');
    const inside = fs.mkdtempSync(path.join(folder.uri.fsPath, '.queue-lens-paths-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-paths-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-paths-out-'));
    try {
      for (const [dir, shown] of [[inside, `${path.basename(inside)}/cut.pcap`], [outside, path.join(outside, 'cut.pcap')]]) {
        const file = path.join(dir, 'cut.pcap');
        fs.copyFileSync(cut, file);
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'queueLens.capture');
        type Export = { source: string; capture: { warnings: string[] } };
        const j = await retry(`the export of ${file}`, async () => {
          const text = await exported('json', path.join(out, 'capture.json'));
          const e = text ? JSON.parse(text) as Export : undefined;
          return e?.source === shown ? e : undefined;
        });
        // the reader names the file it was given (the full path); the export names it as the Explorer does
        assert.deepEqual(j.capture.warnings, [`The file "${shown}" appears to have been cut short in the middle of a packet (at byte offset 299862).`]);
        const html = await retry('the HTML export', () => exported('html', path.join(out, 'capture.html')));
        assert.ok(html.includes(`Queue Lens report of ${escapeHtml(shown)}, `), 'the report is headed by the path');
        assert.ok(html.includes(`<p class="warning">${escapeHtml(j.capture.warnings[0])}</p>`), 'the warning names the path');
        if (dir === inside) assert.ok(!html.includes(folder.uri.fsPath), 'no absolute path of a workspace file');
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
    } finally {
      for (const d of [inside, outside, out]) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
