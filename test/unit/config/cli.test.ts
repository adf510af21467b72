// queue-lens config: the --json shape, the text, the --queues warning, errors naming the file.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const qc = (...f: string[]): string => path.join(fixturesDir, 'queue-config', ...f);

describe('queue-lens config', () => {
  it('--json: effective, offered, reasons, queues with irqs and cpus', async () => {
    const r = await runCli(['config', qc('dom0-netback'), '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { effective: number; offered: number | null; reasons: string[]; queues: Array<{ queue: number; irqs: Array<{ irq: number }>; cpus: number[] }> };
    for (const k of ['effective', 'offered', 'reasons', 'queues']) assert.ok(k in j, k);
    assert.equal(j.effective, 4);
    assert.equal(j.offered, null);
    assert.deepEqual(j.queues.map((q) => [q.queue, q.irqs.map((i) => i.irq), q.cpus]), [[0, [72], [1]], [1, [73], [2]], [2, [74], [1]], [3, [75], [3]]]);
  });

  it('prints the sentence, the reasons and the queue → interrupt → CPU table', async () => {
    const r = await runCli(['config', qc('xen-causes', 'vcpus')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^4 of 8 queues: limited by the guest's 4 vCPUs/);
    assert.match(r.out, /multi-queue-num-queues = 4/);
  });

  it('--queues N that disagrees is a warning on stderr, exit 0', async () => {
    const r = await runCli(['config', qc('xen-devel-2022-12-xenstore-vif.txt'), '--queues', '8']);
    assert.equal(r.code, 0);
    assert.match(r.err, /warning: you set 8 queues, but the configuration says the run had 1/);
  });

  it('an unknown file: exit 2 naming the file and line; no file: exit 1', async () => {
    const bad = path.join(fixturesDir, 'queue-config', 'README.md');
    const r = await runCli(['config', bad]);
    assert.equal(r.code, 2);
    assert.match(r.err, /README\.md:1: not a queue-configuration snapshot/);
    assert.equal((await runCli(['config'])).code, 1);
    assert.equal((await runCli(['config', qc('nope')])).code, 2);
  });
});
