// The queue-configuration readers, each on a real public sample, a snapshot of this machine, or output reproduced
// from the kernel's source (test/fixtures/queue-config/README.md says which).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigFormatError, ConfigPiece, detectConfigKind, parseCpuList, parseCpuMask, readConfigText } from '../../../src/core/config';
import { readInterrupts } from '../../../src/core/counters';
import { fixturesDir } from '../../helpers/paths';

const qc = (...f: string[]): string => path.join(fixturesDir, 'queue-config', ...f);
const read = (f: string): ConfigPiece => readConfigText(fs.readFileSync(f, 'utf8'), f);
function as<K extends ConfigPiece['kind']>(p: ConfigPiece, kind: K): ConfigPiece & { kind: K } {
  assert.equal(p.kind, kind);
  return p as ConfigPiece & { kind: K };
}

describe('xenstore-ls', () => {
  it('the xen-devel dump: backend offers 8 with split channels, frontend wrote 1 with top-level rings', () => {
    const x = as(read(qc('xen-devel-2022-12-xenstore-vif.txt')), 'xenstore');
    assert.equal(x.unknownLines, 0);
    assert.equal(x.vifs.length, 2);
    const [back, front] = x.vifs;
    assert.deepEqual([back.side, back.path, back.maxQueues, back.numQueues, back.splitEventChannels], ['backend', 'vif/1/0', 8, null, true]);
    assert.deepEqual([front.side, front.path, front.maxQueues, front.numQueues, front.splitEventChannels], ['frontend', 'vif/0', null, 1, true]);
    assert.deepEqual(front.queues, [{ queue: 0, txRingRef: 523, rxRingRef: 524, eventChannels: [8, 9] }]);
  });

  it('the -f full-path form: per-queue ring refs and split channels under queue-N', () => {
    const x = as(read(qc('xen-causes', 'vcpus', 'xenstore-ls-f.txt')), 'xenstore');
    const front = x.vifs.find((v) => v.side === 'frontend');
    assert.equal(front?.numQueues, 4);
    assert.deepEqual(front?.queues.map((q) => [q.queue, q.txRingRef, q.rxRingRef, q.eventChannels]), [[0, 8, 9, [20, 21]], [1, 12, 13, [22, 23]], [2, 16, 17, [24, 25]], [3, 20, 21, [26, 27]]]);
    assert.equal(x.vifs.find((v) => v.side === 'backend')?.maxQueues, 8);
  });

  it('a frontend without multi-queue: no num-queues key, one event channel (not split)', () => {
    const front = as(read(qc('xen-causes', 'no-multiqueue', 'xenstore-ls-f.txt')), 'xenstore').vifs.find((v) => v.side === 'frontend');
    assert.equal(front?.numQueues, null);
    assert.equal(front?.splitEventChannels, false);
  });

  it('a line that is no entry is counted, not dropped silently', () => {
    const x = as(readConfigText('vif = ""\n 0 = ""\n  backend = "/x"\n  multi-queue-num-queues = "2"\ngarbage here\n', 'f.txt'), 'xenstore');
    assert.equal(x.unknownLines, 1);
    assert.equal(x.vifs[0].numQueues, 2);
  });

  it('a guest\'s vCPUs from cpu/N/availability', () => {
    const x = as(readConfigText('/local/domain/3/name = "guest"\n/local/domain/3/cpu/0/availability = "online"\n/local/domain/3/cpu/1/availability = "online"\n/local/domain/3/cpu/2/availability = "offline"\n/local/domain/3/device/vif/0/backend-id = "0"\n', 'x'), 'xenstore');
    assert.deepEqual(x.domainVcpus, [{ domain: 'guest', vcpus: 2 }]);
  });
});

describe('/proc/interrupts with per-CPU columns and the new names', () => {
  it('this machine: virtio2-input.0 / virtio2-output.0 with their CPU columns; other lines counted', () => {
    const p = as(read(qc('sandbox-proc-interrupts.txt')), 'interrupts');
    assert.equal(p.interrupts.cpus, 2);
    assert.deepEqual(p.interrupts.vectors.map((v) => [v.irq, v.name, v.queue, v.dirs, v.perCpu]), [
      [38, 'virtio2-input.0', 0, 'rx', [0, 8423]], [39, 'virtio2-output.0', 0, 'tx', [6524, 0]],
    ]);
    assert.equal(p.interrupts.otherLines, 17); // ACPI, serial, balloon, vsock, disk and the other virtio devices
  });

  it('a public Xen guest (8 vCPUs, netfront vif0-qN-tx/rx, grep\'d without a header): 16 vectors with 8 columns', () => {
    const p = as(read(path.join(fixturesDir, 'counters-public', 'xen-netfront-8q-interrupts.txt')), 'interrupts');
    assert.equal(p.interrupts.cpus, null);
    assert.equal(p.interrupts.vectors.length, 16);
    assert.ok(p.interrupts.vectors.every((v) => v.perCpu.length === 8));
    assert.deepEqual(p.interrupts.vectors[0].perCpu, [33, 0, 0, 23, 0, 4188616, 0, 0]);
  });

  it('netback without split event channels: vif26.0-qN, one vector per queue for tx and rx', () => {
    const s = readInterrupts(fs.readFileSync(qc('dom0-netback', 'proc-interrupts-after.txt'), 'utf8'), 'f');
    assert.equal(s.device, 'vif26.0');
    assert.deepEqual(s.tx.map((q) => q.interrupts), [412894, 398123, 377495, 402219]);
    assert.deepEqual(s.rx.map((q) => q.interrupts), s.tx.map((q) => q.interrupts));
  });

  it('a single netfront channel named after the netdev (xen-dyn-event eth0) is queue 0 of eth0; xenbus and blkif are not', () => {
    const p = as(read(qc('netfront-single-channel-interrupts.txt')), 'interrupts');
    assert.deepEqual(p.interrupts.vectors.map((v) => [v.name, v.device, v.queue, v.count]), [['eth0', 'eth0', 0, 540112]]);
  });

  it('Chelsio "eth2 (queue N)": four queues; the firmware event queue is not one', () => {
    const p = as(read(qc('chelsio-cxgb4-interrupts.txt')), 'interrupts');
    assert.deepEqual(p.interrupts.vectors.map((v) => [v.device, v.queue, v.perCpu.indexOf(Math.max(...v.perCpu))]), [['eth2', 0, 0], ['eth2', 1, 1], ['eth2', 2, 0], ['eth2', 3, 3]]);
  });

  it('more counts than CPU columns names the line', () => {
    assert.throws(() => readConfigText('           CPU0\n 38:   1   2   PCI-MSI  virtio2-input.0\n', 'bad.txt'), /bad\.txt:2: 2 counts for 1 CPUs/);
  });
});

describe('Linux queue settings', () => {
  it('ethtool -l of this machine: 1 combined of 1, n/a as null', () => {
    const e = as(read(qc('sandbox-ethtool-l-eth0.txt')), 'ethtool-channels');
    assert.equal(e.device, 'eth0');
    assert.deepEqual(e.max, { rx: null, tx: null, other: null, combined: 1 });
    assert.deepEqual(e.current, { rx: null, tx: null, other: null, combined: 1 });
  });

  it('smp_affinity_list of this machine: every IRQ may go to CPUs 0-1', () => {
    const a = as(read(qc('sandbox-smp-affinity-list.txt')), 'irq-affinity');
    assert.equal(a.affinity.length, 19);
    assert.deepEqual(a.affinity.find((x) => x.irq === 38)?.cpus, [0, 1]);
  });

  it('effective_affinity wins over smp_affinity; masks are hex words', () => {
    const a = as(readConfigText('/proc/irq/40/smp_affinity:f\n/proc/irq/40/effective_affinity:4\n', 'a'), 'irq-affinity');
    assert.deepEqual(a.affinity, [{ irq: 40, cpus: [2] }]);
    assert.deepEqual(parseCpuMask('00000001,00000003'), [0, 1, 32]);
    assert.deepEqual(parseCpuList('0-2,5'), [0, 1, 2, 5]);
    assert.equal(parseCpuList('3-1'), undefined);
  });

  it('XPS/RPS masks of this machine (xps_rxqs and rps_cpus 0), and a shared-CPU XPS setting', () => {
    const m = as(read(qc('sandbox-eth0-queues-masks.txt')), 'queue-masks');
    assert.deepEqual(m.masks, [{ dir: 'tx', queue: 0, file: 'xps_rxqs', bits: [] }, { dir: 'rx', queue: 0, file: 'rps_cpus', bits: [] }]);
    const x = as(readConfigText('/sys/class/net/vA/queues/tx-0/xps_cpus:1\n/sys/class/net/vA/queues/tx-1/xps_cpus:1\n', 'x'), 'queue-masks');
    assert.equal(x.device, 'vA');
    assert.deepEqual(x.masks.map((k) => k.bits), [[0], [0]]);
  });

  it('ynl queue-get and napi-get (Python repr)', () => {
    const q = as(read(qc('ynl-queue-get.txt')), 'ynl-queues');
    assert.deepEqual(q.queues[0], { id: 0, type: 'rx', ifindex: 2, napiId: 8193 });
    assert.equal(q.queues.length, 4);
    const n = as(read(qc('ynl-napi-get.txt')), 'ynl-napi');
    assert.deepEqual(n.napis, [{ id: 8193, ifindex: 2, irq: 161, pid: 12 }, { id: 8194, ifindex: 2, irq: 162, pid: 13 }]);
  });
});

describe('Xen hosts: max_queues, cmdline, vCPUs, netback threads, io rings', () => {
  it('max_queues as grep prints it, and a bare number by its file name', () => {
    assert.deepEqual(readConfigText('/sys/module/xen_netfront/parameters/max_queues:2\n', 'p'), { kind: 'module-param', file: 'p', unknownLines: 0, module: 'xen_netfront', maxQueues: 2 });
    const p = as(readConfigText('4\n', 'dom0/xen_netback/max_queues'), 'module-param');
    assert.deepEqual([p.module, p.maxQueues], ['xen_netback', 4]);
  });

  it('/proc/cmdline of this machine: words before a lone -- only', () => {
    const c = as(readConfigText(fs.readFileSync(qc('sandbox-proc-cmdline.txt'), 'utf8'), 'proc-cmdline'), 'cmdline');
    assert.equal(c.params.console, 'ttyS0');
    assert.equal(c.params['--firecracker-init'], undefined);
    const x = as(read(qc('dom0-netback', 'dom0-cmdline.txt')), 'cmdline');
    assert.deepEqual([x.role, x.params.dom0_max_vcpus], ['dom0', '4']);
  });

  it('vCPUs from /proc/cpuinfo of this machine, nproc, lscpu and xl vcpu-list', () => {
    assert.equal(as(read(qc('sandbox-proc-cpuinfo.txt')), 'vcpus').count, 2);
    assert.equal(as(readConfigText('8\n', 'guest/nproc'), 'vcpus').count, 8);
    assert.equal(as(readConfigText('Architecture: x86_64\nCPU(s):    12\n', 'lscpu.txt'), 'vcpus').count, 12);
    const xl = as(readConfigText('Name  ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)\nDomain-0  0  0  0  -b-  10.0  all / all\nDomain-0  0  1  1  r--  12.0  all / all\ndebian8  7  0  2  -b-  3.0  all / all\n', 'xl-vcpu-list.txt'), 'vcpus');
    assert.deepEqual([xl.role, xl.count, xl.perDomain], ['dom0', 2, [{ domain: 'Domain-0', vcpus: 2 }, { domain: 'debian8', vcpus: 1 }]]);
  });

  it('netback threads from ps -eLo, names cut at 15 characters, %CPU per thread', () => {
    const t = as(read(qc('dom0-netback', 'ps-eLo.txt')), 'netback-threads');
    assert.equal(t.threads.length, 8);
    assert.deepEqual(t.threads[0], { pid: 2113, cpu: 1, pcpu: 31.2, vif: 'vif26.0', queue: 0, role: 'guest-rx', comm: 'vif26.0-q0-gues' });
    assert.equal(t.threads[1].role, 'dealloc');
  });

  it('io_ring_q0 (xenvif_read_io_ring\'s format): request producers of TX and RX', () => {
    const r = as(read(qc('dom0-netback', 'io_ring_q0')), 'io-ring');
    assert.deepEqual(r.ring, { queue: 0, tx: { reqProd: 5120310, reqCons: 5120310, rspProd: 5120310 }, rx: { reqProd: 3338020, reqCons: 3337764, rspProd: 3337764 } });
    assert.equal(r.unknownLines, 0);
  });
});

describe('detection and errors', () => {
  it('an unknown file names the file and its first line', () => {
    assert.equal(detectConfigKind('hello world\nsecond', 'x.txt'), undefined);
    assert.throws(() => readConfigText('\n\nhello world\n', 'x.txt'), (e: unknown) => e instanceof ConfigFormatError && e.line === 3 && /x\.txt:3: not a queue-configuration snapshot/.test(e.message));
  });

  it('a bad CPU list names the line', () => {
    assert.throws(() => readConfigText('/proc/irq/1/smp_affinity_list:0-1\n/proc/irq/2/smp_affinity_list:zz\n', 'aff'), /aff:2: "zz" is not a CPU list/);
  });

  it('ethtool -l lines before a section name the line', () => {
    assert.throws(() => readConfigText('Channel parameters for eth0:\nCombined:\t4\n', 'ch'), /ch:2: /);
  });
});
