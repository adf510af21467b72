// queue-lens counters: the --json shape, the measured table, and exit 2 without per-queue counters.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const pub = (f: string): string => path.join(fixturesDir, 'counters-public', f);
const measured = (run: string, f: string): string => path.join(fixturesDir, 'measured-queues', run, f);

describe('queue-lens counters', () => {
  it('--json with --before: source, device, tx/rx per 0-based queue, values after − before', async () => {
    const r = await runCli(['counters', measured('q5-k8-t1', 'qdisc-after.txt'), '--before', measured('q5-k8-t1', 'qdisc-before.txt'), '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(j), ['source', 'device', 'unit', 'delta', 'tx', 'rx', 'warnings']);
    assert.equal(j.source, 'tc-qdisc');
    assert.equal(j.delta, true);
    assert.deepEqual(j.tx, [
      { queue: 0, packets: 33160, bytes: 50195642 }, { queue: 1, packets: 33195, bytes: 50241437 },
      { queue: 2, packets: 33148, bytes: 50176026 }, { queue: 3, packets: 33078, bytes: 50075793 },
      { queue: 4, packets: 16, bytes: 2272 },
    ]);
    assert.deepEqual(j.rx, []);
  });

  it('prints a measured per-queue table with share, busy queues, max/mean and Jain\'s index', async () => {
    const r = await runCli(['counters', pub('veth4-tc-qdisc-after.txt'), '--before', pub('veth4-tc-qdisc-before.txt')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /tc-qdisc of vA .*measured/);
    assert.match(r.out, /^ +0 +17550154 +11689 +33\.3 %/m);
    assert.match(r.out, /busy queues 4 of 4 .*max\/mean 1\.33 .*Jain's index 0\.900/);
  });

  it('interrupts are labelled as interrupts, not bytes', async () => {
    const r = await runCli(['counters', pub('xen-netfront-8q-interrupts.txt')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /measured interrupts, a proxy for activity, not bytes/);
    const j = JSON.parse((await runCli(['counters', pub('xen-netfront-8q-interrupts.txt'), '--json'])).out) as { unit: string; tx: Array<{ bytes: null; interrupts: number }> };
    assert.equal(j.unit, 'interrupts');
    assert.equal(j.tx[0].bytes, null);
    assert.equal(j.tx[0].interrupts, 4188672);
  });

  it('exit 2 naming the file when there are no per-queue counters; 1 for usage', async () => {
    const f = measured('q2-k8-t1', 'ethtool-after.txt');
    const r = await runCli(['counters', f]);
    assert.equal(r.code, 2);
    assert.ok(r.err.includes(f));
    assert.match(r.err, /no per-queue packet or byte counters/);
    const down = await runCli(['counters', pub('veth4-tc-qdisc-before.txt'), '--before', pub('veth4-tc-qdisc-after.txt')]);
    assert.equal(down.code, 2);
    assert.match(down.err, /veth4-tc-qdisc-before\.txt:\d+: tx queue 0 packets went down/);
    assert.equal((await runCli(['counters'])).code, 1);
    assert.equal((await runCli(['counters', pub('veth4-tc-qdisc-before.txt'), '--nope'])).code, 1);
    assert.equal((await runCli(['counters', pub('missing.txt')])).code, 2);
  });
});
