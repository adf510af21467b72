// Per-queue counters in the real extension host: the counters panel's model is `queue-lens counters --json`, and a
// capture's measured queues are `queue-lens observed --json`, on the measured-queues runs (ground truth: truth.json).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countersCommand } from '../../src/cli/countersCommand';
import { observedCommand } from '../../src/cli/observedCommand';
import { fixturesDir } from '../helpers/paths';

const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');

/** Runs a CLI subcommand in-process (the same code as dist/cli.js) and returns its exit code and stdout. */
async function cli(command: typeof countersCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

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
});
