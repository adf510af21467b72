// The counter readers on real output: eight drivers' ethtool -S, tc -s qdisc/class under mq, /proc/interrupts, ynl qstats.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CounterFormatError, detectCounterFormat, NoQueueCountersError, readCounters } from '../../../src/core/counters';
import { fixturesDir } from '../../helpers/paths';

const ethtool = (d: string): string => path.join(fixturesDir, 'ethtool-stats', `${d}.txt`);
const pub = (f: string): string => path.join(fixturesDir, 'counters-public', f);
const measured = (run: string, f: string): string => path.join(fixturesDir, 'measured-queues', run, f);
const read = (f: string) => readCounters(fs.readFileSync(f, 'utf8'), f);

describe('ethtool -S of eight drivers', () => {
  // per driver: tx and rx queue counts, and queue 0's tx (packets, bytes) as the dump prints them
  const cases: Array<[string, number, number, number | null, number | null]> = [
    ['virtio_net', 2, 2, 3558968, 18392695909], // tx_queue_0_packets / tx_queue_0_bytes
    ['ena', 4, 4, 2005711, 293608419], // queue_0_tx_cnt / queue_0_tx_bytes
    ['mlx5_core', 16, 16, 101488959, 335856818753], // tx0_packets / tx0_bytes
    ['i40e', 12, 12, 27274035294, 4256212322334], // tx-0.tx_packets / tx-0.tx_bytes
    ['ice', 128, 128, 5, 338], // tx_queue_0_packets / tx_queue_0_bytes
    ['bnxt_en', 12, 12, 2811906835, 1462856966524], // [0]: tx_ucast_* + mcast + bcast
    ['vmxnet3', 2, 2, 54123 + 36 + 3, 9333023 + 4622 + 432], // Tx Queue#: 0 section, ucast + mcast + bcast
  ];
  for (const [driver, tx, rx, p0, b0] of cases) {
    it(`${driver}: ${tx} tx and ${rx} rx queues, queue 0 as printed`, () => {
      const s = read(ethtool(driver));
      assert.equal(s.source, 'ethtool');
      assert.equal(s.unit, 'traffic');
      assert.equal(s.tx.length, tx);
      assert.equal(s.rx.length, rx);
      assert.deepEqual(s.tx.map((q) => q.queue), [...Array(tx).keys()]);
      assert.equal(s.tx[0].packets, p0);
      assert.equal(s.tx[0].bytes, b0);
      assert.ok(s.rx.every((q) => q.packets !== null || q.bytes !== null));
    });
  }

  it('sfc: tx-N.tx_packets only, so bytes stay null (no invented figure)', () => {
    const s = read(ethtool('sfc'));
    assert.ok(s.tx.length > 0);
    assert.equal(s.tx[0].packets, 130);
    assert.ok(s.tx.every((q) => q.bytes === null));
  });

  it('mlx5: per-queue counters of XDP and PTP are not queues', () => {
    const s = read(ethtool('mlx5_core'));
    const text = fs.readFileSync(ethtool('mlx5_core'), 'utf8');
    const tx1 = /^\s*tx1_bytes: (\d+)$/m.exec(text);
    assert.ok(tx1);
    assert.equal(s.tx[1].bytes, Number(tx1[1]));
  });

  it('veth (XDP-only per-queue counters): no per-queue counters, said so', () => {
    const f = measured('q3-k8-t1', 'ethtool-after.txt');
    assert.throws(() => read(f), (e: unknown) => e instanceof NoQueueCountersError && e.file === f && /XDP/.test(e.message));
  });
});

describe('tc -s qdisc / class under mq', () => {
  it('maps parent 1:q (hex, listed in hash order) to tx queue q-1', () => {
    const s = read(measured('q3-k8-t1', 'qdisc-after.txt'));
    assert.equal(s.source, 'tc-qdisc');
    // the file lists 1:3, 1:1, 1:2; the readings come back in queue order
    assert.deepEqual(s.tx.map((q) => [q.queue, q.bytes, q.packets]), [[0, 50187306, 33156], [1, 50555208, 33399], [2, 50523824, 33396]]);
    assert.deepEqual(s.rx, []);
  });

  it('reads the default children (pfifo_fast 0: parent 1:N) and the device of `tc -s qdisc show` without dev', () => {
    const s = read(pub('veth4-tc-qdisc-after.txt'));
    assert.equal(s.device, 'vA');
    assert.deepEqual(s.tx.map((q) => q.bytes), [17550154, 8775956, 17550200, 8775462]);
  });

  it('class mq R:q is tx queue q-1; the htb classes below are not queues', () => {
    const s = read(measured('q3-k8-t1', 'class-after.txt'));
    assert.equal(s.source, 'tc-class');
    assert.deepEqual(s.tx.map((q) => q.bytes), [50187306, 50555208, 50523824]);
    assert.match(s.warnings.join(' '), /classes below the queues/);
  });

  it('a single-queue htb root has no per-queue counters', () => {
    const f = path.join(fixturesDir, '..', '..', 'samples', 'experiment', 'tc', 'q1-t1.after.txt');
    assert.throws(() => read(f), NoQueueCountersError);
  });
});

describe('/proc/interrupts', () => {
  it('Xen netfront vif0-qN-tx / -rx: eight queues, summed over CPUs, labelled interrupts', () => {
    const s = read(pub('xen-netfront-8q-interrupts.txt'));
    assert.equal(s.source, 'interrupts');
    assert.equal(s.unit, 'interrupts');
    assert.equal(s.device, 'vif0');
    assert.equal(s.tx.length, 8);
    assert.equal(s.rx.length, 8);
    assert.equal(s.tx[0].interrupts, 33 + 23 + 4188616);
    assert.ok(s.tx.every((q) => q.bytes === null && q.packets === null));
  });

  it('virtio-net virtioN-output.q / input.q on this sandbox (single queue); other virtio devices are not queues', () => {
    const s = read(pub('sandbox-proc-interrupts-after.txt'));
    assert.equal(s.device, 'virtio2');
    assert.equal(s.tx.length, 1);
    assert.equal(s.rx.length, 1);
  });
});

describe('ynl qstats-get', () => {
  it('reads the Python repr ynl prints and the same entries as JSON (--output-json)', () => {
    for (const f of ['ynl-qstats-tn40xx.txt', 'ynl-qstats-tn40xx.json']) {
      const s = read(pub(f));
      assert.equal(s.source, 'qstats');
      assert.equal(s.device, 'ifindex 4');
      assert.deepEqual(s.tx, [{ queue: 0, packets: 2387, bytes: 142823367, line: s.tx[0].line }]);
      assert.equal(s.rx[0].bytes, 266613);
    }
  });

  it('the i40e patch\'s qstats and its ethtool -S check (rx-N.bytes naming) read the same per-queue numbers', () => {
    const q = read(pub('ynl-qstats-i40e-excerpt.txt'));
    const e = read(pub('ethtool-i40e-rx-excerpt.txt'));
    assert.deepEqual(e.rx.map((x) => [x.queue, x.packets, x.bytes]), q.rx.map((x) => [x.queue, x.packets, x.bytes]));
  });

  it('keeps the entries of an excerpt and names what it did not read', () => {
    const s = read(pub('ynl-qstats-i40e-excerpt.txt'));
    assert.deepEqual(s.rx.map((q) => q.bytes), [45540208, 8717844]);
    assert.match(s.warnings[0], /not read/);
  });
});

describe('detection and bad input', () => {
  it('detects each format from the content', () => {
    const d = (f: string): string | undefined => detectCounterFormat(fs.readFileSync(f, 'utf8'));
    assert.equal(d(ethtool('ena')), 'ethtool');
    assert.equal(d(pub('veth4-tc-qdisc-after.txt')), 'tc-qdisc');
    assert.equal(d(pub('veth4-tc-class-after.txt')), 'tc-class');
    assert.equal(d(pub('xen-netfront-8q-interrupts.txt')), 'interrupts');
    assert.equal(d(pub('sandbox-proc-interrupts-after.txt')), 'interrupts');
    assert.equal(d(pub('ynl-qstats-tn40xx.txt')), 'qstats');
    assert.equal(d(pub('veth4-sysfs-queues.txt')), 'sysfs');
  });

  it('an unknown format is an error naming the file and line', () => {
    const f = measured('q3-k8-t1', 'proc-net-dev-after.txt');
    assert.throws(() => read(f), (e: unknown) => e instanceof CounterFormatError && !(e instanceof NoQueueCountersError) && e.file === f && e.line === 1 && /unknown counter format/.test(e.message));
  });

  it('sysfs queue folders give the queue count and say that they hold no traffic counters', () => {
    assert.throws(() => read(pub('veth4-sysfs-queues.txt')), (e: unknown) => e instanceof NoQueueCountersError && /4 tx and 4 rx queues/.test(e.message));
  });
});
