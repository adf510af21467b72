// "How many queues and why", for each documented cause, and the queue → interrupt → CPU map.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { explainQueueConfig, loadConfigInputs, queueCountDisagreement } from '../../../src/core/config';
import { fixturesDir } from '../../helpers/paths';

const qc = (...f: string[]): string => path.join(fixturesDir, 'queue-config', ...f);
const explain = (...inputs: string[]) => {
  const l = loadConfigInputs(inputs);
  return explainQueueConfig(l.pieces, { before: l.before.length ? l.before : undefined });
};

describe('how many queues, and why', () => {
  it('the public xen-devel dump: 1 of 8, the frontend asked for one', () => {
    const r = explain(qc('xen-devel-2022-12-xenstore-vif.txt'));
    assert.deepEqual([r.effective, r.offered, r.platform], [1, 8, 'xen']);
    assert.match(r.sentence, /^1 of 8 queues: the guest's netfront asked for 1 /);
  });

  it('vCPUs: 4 of 8, limited by the guest\'s 4 vCPUs', () => {
    const r = explain(qc('xen-causes', 'vcpus'));
    assert.deepEqual([r.effective, r.offered, r.vcpus.guest], [4, 8, 4]);
    assert.equal(r.sentence, '4 of 8 queues: limited by the guest\'s 4 vCPUs (netfront asks for at most one queue per vCPU by default).');
  });

  it('a module parameter: 2 of 8, xen_netfront.max_queues=2 on the command line (8 vCPUs would have allowed 8)', () => {
    const r = explain(qc('xen-causes', 'module-param'));
    assert.deepEqual([r.effective, r.offered, r.vcpus.guest], [2, 8, 8]);
    assert.match(r.sentence, /^2 of 8 queues: the guest's xen_netfront\.max_queues=2 on the kernel command line \(.*guest-cmdline\)\.$/);
  });

  it('the backend\'s maximum: 4, offered by a netback whose dom0 has 4 vCPUs (the guest has 8)', () => {
    const r = explain(qc('xen-causes', 'backend-max'));
    assert.deepEqual([r.effective, r.offered, r.vcpus.guest, r.vcpus.dom0], [4, 4, 8, 4]);
    assert.equal(r.sentence, '4 queues: limited by the backend\'s maximum (multi-queue-max-queues = 4), which netback sets to dom0\'s 4 vCPUs by default.');
  });

  it('a frontend without multi-queue: 1 of 8 (Linux before 3.16, e.g. 3.14)', () => {
    const r = explain(qc('xen-causes', 'no-multiqueue'));
    assert.deepEqual([r.effective, r.offered], [1, 8]);
    assert.match(r.sentence, /^1 of 8 queues: the guest's netfront asked for one queue: it wrote no multi-queue-num-queues, so it has no multi-queue support \(Linux before 3\.16, e\.g\. 3\.14\)\.$/);
  });

  it('a Linux NIC: ethtool -l of this machine says 1 of 1, one per CPU would be 2', () => {
    const r = explain(qc('sandbox-ethtool-l-eth0.txt'), qc('sandbox-proc-interrupts.txt'), qc('sandbox-smp-affinity-list.txt'));
    assert.deepEqual([r.effective, r.offered, r.platform, r.device], [1, 1, 'linux', 'virtio2']);
    assert.equal(r.sentence, '1 queue: the device\'s maximum (ethtool -l eth0).');
    // queue 0: input vector on CPU1, output vector on CPU0 (measured), affinity 0-1 (configured)
    assert.deepEqual(r.queues.map((q) => [q.queue, q.irqs.map((i) => [i.irq, i.affinity]), q.cpus, q.basis]), [[0, [[38, [0, 1]], [39, [0, 1]]], [1, 0], 'interrupts']]);
  });

  it('the user\'s N disagreeing with the configuration is a warning; agreeing is none', () => {
    const r = explain(qc('xen-causes', 'vcpus'));
    assert.match(queueCountDisagreement(8, r) ?? '', /you set 8 queues, but the configuration says the run had 4: 4 of 8 queues: limited by the guest's 4 vCPUs/);
    assert.equal(queueCountDisagreement(4, r), undefined);
  });
});

describe('queue → interrupt → CPU', () => {
  it('dom0 netback (vif26.0-qN, no split channels): interrupts between before and after, threads, ring counters', () => {
    const r = explain(qc('dom0-netback'));
    assert.equal(r.effective, 4);
    assert.equal(r.vcpus.dom0, 4);
    assert.deepEqual(r.queues.map((q) => [q.queue, q.irqs[0].name, q.irqs[0].total, q.cpus, q.basis]), [
      [0, 'vif26.0-q0', 400000, [1], 'interrupts'], [1, 'vif26.0-q1', 390000, [2], 'interrupts'],
      [2, 'vif26.0-q2', 370000, [1], 'interrupts'], [3, 'vif26.0-q3', 400000, [3], 'interrupts'],
    ]);
    assert.deepEqual(r.queues.map((q) => q.load), [33.3, 31.7, 32.4, 32.3]);
    assert.deepEqual(r.queues[0].ringRequests, { tx: 5120310, rx: 3337764 });
    assert.ok(r.reasons.some((x) => /no split event channels/.test(x)));
  });

  it('Chelsio: queues 0 and 2 interrupt CPU 0', () => {
    const r = explain(qc('chelsio-cxgb4-interrupts.txt'));
    assert.deepEqual(r.queues.map((q) => q.cpus), [[0], [1], [0], [3]]);
  });

  it('a public 8-queue netfront: every CPU with at least 10 % of a queue\'s interrupts, busiest first', () => {
    const r = explain(path.join(fixturesDir, 'counters-public', 'xen-netfront-8q-interrupts.txt'));
    assert.equal(r.effective, 8);
    assert.equal(r.queues[0].cpus[0], 5); // vif0-q0-tx: 4188616 on CPU5
  });

  it('unknown lines are counted in a warning naming the file', () => {
    const r = explain(qc('sandbox-eth0-queues-masks.txt'));
    assert.deepEqual(r.warnings, []);
  });

  it('a recorded run folder (queue-lens record\'s config/ and counters/): 4 queues of the veth, XPS off, the machine\'s virtio vectors not mapped onto it', () => {
    const r = explain(qc('recorded-veth4'));
    assert.deepEqual([r.effective, r.offered, r.device], [4, 4, 'qlra22706']);
    assert.equal(r.sentence, '4 queues: the device\'s maximum (ethtool -l qlra22706).');
    assert.ok(r.queues.every((q) => q.irqs.length === 0 && q.xpsCpus?.length === 0 && q.basis === null));
    assert.deepEqual(r.warnings.map((w) => w.replace(/^.*interrupts-after\.txt/, 'F')), ['F are virtio2\'s (1 queue), not qlra22706\'s (4): not mapped (choose with --dev)']);
  });
});
