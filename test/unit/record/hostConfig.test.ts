// record's host snapshots (/proc/cmdline, online CPUs, the device's IRQ affinity, xen_netfront's max_queues,
// xenstore-ls) and `queue-lens config` reading the folder they make, with /proc/interrupts from counters/.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { deviceIrqs, takeHostConfig } from '../../../src/core/record/hostConfig';
import { which } from '../../../src/core/record/exec';
import { fixturesDir } from '../../helpers/paths';
import { runCli, tempDir } from '../sweep/helpers';

const qc = (f: string): string => path.join(fixturesDir, 'queue-config', f);

interface Json { effective: number | null; reasons: string[]; files: Array<{ file: string; kind: string }>; queues: Array<{ queue: number; irqs: Array<{ irq: number; affinity: number[] | null }> }>; skipped: string[] }

describe('record: the host side of the queue configuration', () => {
  it('the device\'s queue IRQs by name: Chelsio\'s "eth2 (queue N)", not eth20 or another port', () => {
    const text = fs.readFileSync(qc('chelsio-cxgb4-interrupts.txt'), 'utf8');
    const want = text.split('\n').filter((l) => /\seth2 \(queue \d+\)\s*$/.test(l)).map((l) => Number(/^\s*(\d+):/.exec(l)![1]));
    assert.ok(want.length >= 4);
    assert.deepEqual(deviceIrqs(text, 'eth2'), want);
  });

  it('a virtio NIC\'s vectors by its bus device (virtio2), as on this machine', () => {
    const text = fs.readFileSync(qc('sandbox-proc-interrupts.txt'), 'utf8');
    assert.deepEqual(deviceIrqs(text, 'eth0'), []);
    assert.deepEqual(deviceIrqs(text, 'eth0', 'virtio2'), [37, 38, 39]);
  });

  it('a host tree built from this machine\'s snapshots: every file listed, and `config` reads them all', async () => {
    const root = tempDir('queue-lens-hc-');
    const proc = path.join(root, 'proc');
    const sys = path.join(root, 'sys');
    fs.mkdirSync(path.join(sys, 'devices/system/cpu'), { recursive: true });
    fs.mkdirSync(proc, { recursive: true });
    fs.copyFileSync(qc('sandbox-proc-interrupts.txt'), path.join(proc, 'interrupts'));
    fs.copyFileSync(qc('sandbox-proc-cmdline.txt'), path.join(proc, 'cmdline'));
    for (const l of fs.readFileSync(qc('sandbox-smp-affinity-list.txt'), 'utf8').split('\n').filter(Boolean)) {
      const m = /^\/proc\/irq\/(\d+)\/smp_affinity_list:(.*)$/.exec(l)!;
      fs.mkdirSync(path.join(proc, 'irq', m[1]), { recursive: true });
      fs.writeFileSync(path.join(proc, 'irq', m[1], 'smp_affinity_list'), `${m[2]}\n`);
    }
    fs.writeFileSync(path.join(sys, 'devices/system/cpu/online'), '0-1\n');
    const out = path.join(root, 'run');
    const r = await takeHostConfig(out, 'virtio2', { proc, sys });
    assert.deepEqual(Object.keys(r.config).sort(), ['/proc/cmdline', 'CPUs online', 'IRQ affinity (smp_affinity_list)']);
    assert.equal(fs.readFileSync(path.join(out, 'config/irq-affinity.txt'), 'utf8'),
      '/proc/irq/37/smp_affinity_list:0-1\n/proc/irq/38/smp_affinity_list:0-1\n/proc/irq/39/smp_affinity_list:0-1\n');
    // no xen_netfront here: nothing said; xenstore-ls: a notRecorded entry only when the tool is missing
    assert.ok(!r.notRecorded.some((n) => /max_queues/.test(n.what)));
    assert.equal(r.notRecorded.some((n) => n.what === 'config: xenstore-ls'), !which('xenstore-ls'));
    // /proc/interrupts is a counter source: `config` reads it from counters/
    fs.mkdirSync(path.join(out, 'counters'));
    fs.copyFileSync(qc('sandbox-proc-interrupts.txt'), path.join(out, 'counters', 'interrupts-after.txt'));
    const c = await runCli(['config', out, '--json', '--dev', 'virtio2']);
    assert.equal(c.code, 0, c.err);
    const j = JSON.parse(c.out) as Json;
    const kinds = new Map(j.files.map((f) => [path.relative(out, f.file), f.kind]));
    assert.equal(kinds.get('config/cmdline.txt'), 'cmdline');
    assert.equal(kinds.get('config/cpu-online.txt'), 'vcpus');
    assert.equal(kinds.get('config/irq-affinity.txt'), 'irq-affinity');
    assert.equal(kinds.get('counters/interrupts-after.txt'), 'interrupts');
    assert.deepEqual(j.skipped, []);
    assert.ok(j.reasons.some((x) => /2 CPUs/.test(x)), j.reasons.join('\n'));
    assert.ok(j.queues.length > 0 && j.queues.every((q) => q.irqs.every((i) => JSON.stringify(i.affinity) === '[0,1]')), c.out);
  });

  it('xen_netfront max_queues is saved in the form `config` reads as the module parameter', async () => {
    const root = tempDir('queue-lens-hc-');
    const proc = path.join(root, 'proc');
    const sys = path.join(root, 'sys');
    fs.mkdirSync(path.join(sys, 'module/xen_netfront/parameters'), { recursive: true });
    fs.mkdirSync(proc, { recursive: true });
    fs.writeFileSync(path.join(proc, 'interrupts'), fs.readFileSync(qc('netfront-single-channel-interrupts.txt')));
    fs.writeFileSync(path.join(sys, 'module/xen_netfront/parameters/max_queues'), '2\n');
    const out = path.join(root, 'run');
    const r = await takeHostConfig(out, 'eth0', { proc, sys });
    assert.equal(r.config['xen_netfront max_queues'], 'config/xen_netfront-max_queues.txt');
    // the missing cmdline and CPU list are named, not dropped
    assert.ok(r.notRecorded.some((n) => n.what === 'config: /proc/cmdline'));
    assert.ok(r.notRecorded.some((n) => n.what === 'config: CPUs online'));
    const c = await runCli(['config', out, '--json']);
    assert.equal(c.code, 0, c.err);
    const j = JSON.parse(c.out) as Json;
    assert.ok(j.files.some((f) => f.kind === 'module-param'), c.out);
  });

  it('this machine: the real /proc and /sys for its first NIC', { skip: fs.existsSync('/sys/class/net/eth0') ? false : 'no eth0 here' }, async () => {
    const out = path.join(tempDir('queue-lens-hc-'), 'run');
    const r = await takeHostConfig(out, 'eth0');
    assert.equal(r.config['/proc/cmdline'], 'config/cmdline.txt');
    assert.equal(fs.readFileSync(path.join(out, 'config/cmdline.txt'), 'utf8'), fs.readFileSync('/proc/cmdline', 'utf8'));
    const c = await runCli(['config', out, '--json']);
    assert.equal(c.code, 0, c.err);
    const j = JSON.parse(c.out) as Json;
    assert.ok(j.reasons.some((x) => new RegExp(`${os.cpus().length} CPUs?`).test(x)), j.reasons.join('\n'));
  });
});
