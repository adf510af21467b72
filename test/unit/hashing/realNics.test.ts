// Real NIC / cloud command output (test/fixtures/rss-public, sources in its README) and AWS's ENA
// Toeplitz calculator outputs, against the parsers, presets and planner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  compilePreset, enaConfigurableHash, enaFixedKeyHash, EnaDriver, netAdapterRssQueues, parseEthtoolX, parseFlow,
  parseGetNetAdapterRss, parseHexKey, parseRxFlowHash, parseTableText, parseXpsCpus, PRESET_NAME_LIST, PRESET_NAMES, PRESETS,
  presetOptionsFromText, xpsQueuesOfCpu, hashInput, planSources, planPorts,
} from '../../../src/core/hashing';
import { runHash } from '../../../src/cli/hashCommand';
import { runPlan } from '../../../src/cli/planCommand';
import { CliIo } from '../../../src/cli/io';
import { fixturesDir, repoRoot } from '../../helpers/paths';

const fixture = (name: string): string => fs.readFileSync(path.join(fixturesDir, 'rss-public', name), 'utf8');
const fixturePath = (name: string): string => path.join(fixturesDir, 'rss-public', name);

async function run(cmd: typeof runHash, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await cmd(argv, io);
  return { code, out, err };
}

test("package.json's queueLens.preset enum is the registry's names, in order", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { enum?: string[]; enumDescriptions?: string[] }> } };
  };
  const p = pkg.contributes.configuration.properties['queueLens.preset'];
  assert.deepEqual(p.enum, [...PRESET_NAME_LIST]);
  assert.deepEqual(p.enum, [...PRESET_NAMES]);
  assert.equal(p.enumDescriptions?.length, PRESETS.length);
  // every description says whether the preset is exact or a model, as the registry does
  PRESETS.forEach((info, i) => assert.match(p.enumDescriptions![i], info.exact ? /exact/ : /model/, info.name));
});

/** Blocks of the calculator's output: its arguments and each printed hash. */
function enaVectors(): Array<{ src: string; sport: number; dst: string; dport: number; key?: string; hashes: Record<string, number> }> {
  const out: ReturnType<typeof enaVectors> = [];
  for (const block of fixture('ena-toeplitz-calc-outputs.txt').split(/\n(?=\$ toeplitz_calc\.py)/)) {
    const a = /^\$ toeplitz_calc\.py -t (\S+) -T (\d+) -r (\S+) -R (\d+)(?: -k (\S+))?/.exec(block);
    if (!a) continue;
    const hashes: Record<string, number> = {};
    for (const m of block.matchAll(/^(.+?)\s+\t(0x[0-9a-f]+) \(RSS table entry ?: (\d+)\)$/gm)) {
      hashes[m[1].trim()] = Number(m[2]);
      assert.equal(Number(m[3]), Number(m[2]) % 128, 'the calculator indexes the table by hash % 128');
    }
    out.push({ src: a[1], sport: Number(a[2]), dst: a[3], dport: Number(a[4]), key: a[5], hashes });
  }
  return out;
}

test("AWS ENA: every hash AWS's published calculator printed (fixed key and each driver's configurable key)", () => {
  const vectors = enaVectors();
  assert.equal(vectors.length, 10);
  let checked = 0;
  const drivers: Record<string, EnaDriver> = {
    DPDK: 'dpdk', FreeBSD: 'freebsd', 'Linux (before setting the key with ethtool)': 'linux-pre-2.6',
    'Linux (after setting the key with ethtool)': 'linux', Windows: 'windows',
  };
  for (const v of vectors) {
    const flow = parseFlow({ proto: 'tcp', src: { ip: v.src, port: v.sport }, dst: { ip: v.dst, port: v.dport } });
    if (!v.key) {
      assert.equal(enaFixedKeyHash(flow), v.hashes['Should result in the hash for all drivers:'], `${v.src}:${v.sport}`);
      checked++;
      continue;
    }
    for (const [label, driver] of Object.entries(drivers)) {
      assert.equal(enaConfigurableHash(flow, parseHexKey(v.key), driver), v.hashes[label], `${label} ${v.src}:${v.sport}`);
      checked++;
    }
  }
  assert.equal(checked, 5 + 5 * 5);
  // fixed-key instances sort the tuple: both directions hash alike
  const fwd = parseFlow({ proto: 'tcp', src: { ip: '10.0.0.1', port: 40000 }, dst: { ip: '10.0.0.2', port: 5201 } });
  const rev = parseFlow({ proto: 'tcp', src: { ip: '10.0.0.2', port: 5201 }, dst: { ip: '10.0.0.1', port: 40000 } });
  assert.equal(enaFixedKeyHash(fwd), enaFixedKeyHash(rev));
  const c = compilePreset('aws-ena-fixed-key', 8);
  assert.equal(c.flowQueue!(fwd).queue, (enaFixedKeyHash(fwd) % 128) % 8);
  const v6 = parseFlow({ proto: 'tcp', src: { ip: 'fd00::1', port: 1 }, dst: { ip: 'fd00::2', port: 2 } });
  assert.throws(() => enaFixedKeyHash(v6), /IPv4 only/);
});

test('ethtool -x: NXP enetc (64 entries, 2 rings, key, toeplitz) and virtio_net without RSS', () => {
  const x = parseEthtoolX(fixture('ethtool-x-enetc-eno0.txt'));
  assert.equal(x.device, 'eno0');
  assert.equal(x.rings, 2);
  assert.equal(x.table.length, 64);
  assert.deepEqual(x.table.slice(0, 4), [0, 1, 0, 1]);
  assert.equal(x.key?.length, 40);
  assert.equal(x.key?.[0], 0x0d);
  assert.equal(x.hfunc, 'toeplitz');
  const opts = presetOptionsFromText({ tableText: fixture('ethtool-x-enetc-eno0.txt') });
  assert.equal(opts.tableQueues, 2);
  assert.deepEqual(compilePreset('nic-rss-toeplitz', 2, opts.opts).weights, [0.5, 0.5]);
  // virtio_net here: hfunc lines present, but no table — a clear error, not an empty table
  assert.throws(() => parseEthtoolX(fixture('ethtool-x-virtio-net.txt')), /eth0 reports no indirection table \(Operation not supported\)/);
});

test('ethtool -n rx-flow-hash: UDP on IP SA, IP DA is a 2-tuple; an RSS context; virtio says None', () => {
  const udp = parseRxFlowHash(fixture('ethtool-n-udp4-2tuple.txt'));
  assert.deepEqual(udp.skipped, []);
  assert.deepEqual(udp.entries.map((e) => [e.flowType, e.hashFields]), [['udp4', 2]]);
  const ctx = parseRxFlowHash(fixture('ethtool-n-mlx5-context1.txt'));
  assert.deepEqual(ctx.entries.map((e) => [e.flowType, e.context, e.fields.length, e.hashFields]), [['tcp4', 1, 1, undefined], ['tcp4', 1, 4, 4]]);
  const none = parseRxFlowHash(fixture('ethtool-n-virtio-net.txt'));
  assert.deepEqual(none.entries.map((e) => [e.flowType, e.hashFields]), [['tcp4', 0], ['udp4', 0], ['tcp6', 0], ['udp6', 0]]);
  // the import drives the hash: UDP flows then ignore ports under nic-rss-toeplitz
  const o = presetOptionsFromText({ rxFlowHashText: fixture('ethtool-n-udp4-2tuple.txt') });
  assert.equal(o.opts.udpFields, 2);
  assert.equal(hashInput('nic-rss-toeplitz', 'udp', o.opts), 'addresses');
  assert.equal(hashInput('nic-rss-toeplitz', 'tcp', o.opts), 'ports');
  const c = compilePreset('nic-rss-toeplitz', 8, o.opts);
  const q = (port: number) => c.flowQueue!(parseFlow({ proto: 'udp', src: { ip: '10.0.0.1', port }, dst: { ip: '10.0.0.2', port: 5201 } })).queue;
  assert.equal(new Set([q(40000), q(40001), q(40002), q(51234)]).size, 1);
  assert.ok(presetOptionsFromText({ rxFlowHashText: fixture('ethtool-n-mlx5-context1.txt') }).notes.some((n) => /RSS context 1.*ntuple rule/.test(n)));
});

test('Get-NetAdapterRss: Broadcom BCM57800, 128 entries over CPUs 4, 6, 20, 22', () => {
  const r = parseGetNetAdapterRss(fixture('get-netadapterrss-bcm57800.txt'));
  assert.equal(r.name, 'MGMT NIC');
  assert.equal(r.enabled, true);
  assert.equal(r.receiveQueues, 4);
  assert.equal(r.profile, 'NUMAStatic');
  assert.deepEqual(r.baseProcessor, { group: 0, number: 0 });
  assert.deepEqual(r.maxProcessor, { group: 0, number: 30 });
  assert.equal(r.maxProcessors, 16);
  assert.deepEqual(r.processors.map((p) => p.number), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
  assert.equal(r.table.length, 128);
  assert.deepEqual(r.skipped, []);
  const q = netAdapterRssQueues(r);
  assert.deepEqual(q.cpus.map((c) => c.number), [4, 6, 20, 22]);
  assert.deepEqual(q.table.slice(0, 4), [0, 2, 1, 3]);
  // as a --table file for windows-pv-8.2-rss: four queues of 32 entries each
  const t = parseTableText(fixture('get-netadapterrss-bcm57800.txt'));
  assert.equal(t.rings, 4);
  assert.deepEqual(compilePreset('windows-pv-8.2-rss', 4, { table: t.table }).weights, [0.25, 0.25, 0.25, 0.25]);
});

test('XPS: veth with 4 tx queues on this kernel; linux-xps-pinned follows the pinned CPU', () => {
  const m = parseXpsCpus(fixture('xps-veth-4q.txt'));
  assert.deepEqual(m.masks, [1n, 2n, 1n, 2n]);
  assert.equal(m.skipped.length, 4); // the four xps_rxqs lines, named
  assert.deepEqual(xpsQueuesOfCpu(m, 0), [0, 2]);
  assert.deepEqual(xpsQueuesOfCpu(m, 1), [1, 3]);
  // CPU 0 maps to two queues: a random socket hash picks one of them (a model)
  const two = compilePreset('linux-xps-pinned', 4, { xps: m, cpu: 0 });
  assert.equal(two.deterministic, false);
  assert.deepEqual(two.weights, [0.5, 0, 0.5, 0]);
  // default map (queue q ← CPU q): iperf3 -A 3 puts every stream on queue 3
  const one = compilePreset('linux-xps-pinned', 8, { cpu: 3 });
  assert.equal(one.exact, true);
  assert.deepEqual(one.weights, [0, 0, 0, 1, 0, 0, 0, 0]);
  assert.equal(one.flowQueue!(parseFlow({ proto: 'tcp', src: { ip: '10.0.0.1', port: 1 }, dst: { ip: '10.0.0.2', port: 2 } })).queue, 3);
  assert.equal(hashInput('linux-xps-pinned', 'tcp'), 'cpu');
});

test('plan: a 2-tuple hash says ports do not matter and plans source addresses', async () => {
  const req = { preset: 'windows-pv-8.2-rss' as const, proto: 'udp' as const, src: '10.0.0.1', dst: { ip: '10.0.0.2', port: 5201 }, flows: 8, queues: 4, ports: [40000, 40100] as [number, number] };
  const p = planPorts(req);
  assert.equal(p.input, 'addresses');
  assert.equal(p.window, undefined);
  const cands = Array.from({ length: 64 }, (_, i) => `10.0.1.${i + 1}`);
  const s = planSources(req, cands);
  assert.equal(s.missing.length, 0);
  assert.ok(s.balanced);
  // each chosen address really lands on its queue, and the flows split 2/2/2/2
  const c = compilePreset('windows-pv-8.2-rss', 4);
  for (const e of s.perQueue) {
    assert.equal(c.flowQueue!(parseFlow({ proto: 'udp', src: { ip: e.address, port: 9 }, dst: req.dst })).queue, e.queue);
  }
  assert.deepEqual(s.flows.map((f) => f.flows), [2, 2, 2, 2]);

  const cli = await run(runPlan, ['--preset', 'nic-rss-toeplitz', '--rx-flow-hash', fixturePath('ethtool-n-udp4-2tuple.txt'), '--proto', 'udp',
    '--src', '10.0.0.1', '--dst', '10.0.0.2:5201', '--flows', '8', '--queues', '4', '--src-addrs', '10.0.1.1-10.0.1.64']);
  assert.equal(cli.code, 0, cli.out + cli.err);
  assert.match(cli.out, /hashed on addresses only \(2-tuple\): source ports do not change the queue/);
  assert.match(cli.out, /client addresses per queue \(4 of 4 queues reached\)/);
  assert.equal((cli.out.match(/^ {2}iperf3 -c 10\.0\.0\.2 -p \d+ -B 10\.0\.1\.\d+ -P 2 -u -b 0 &/gm) ?? []).length, 4);
  const noAddrs = await run(runPlan, ['--preset', 'windows-pv-8.2-rss', '--proto', 'udp', '--src', '10.0.0.1', '--dst', '10.0.0.2:5201', '--flows', '8', '--queues', '4']);
  assert.equal(noAddrs.code, 2);
  assert.match(noAddrs.out, /--src-addrs/);
});

test('bad lines in the imports are named with their line number, the rest is kept', () => {
  const rx = presetOptionsFromText({ rxFlowHashText: 'UDP over IPV4 flows use these fields for computing Hash flow key:\nIP SA\nIP DA\nbogus line\n' });
  assert.equal(rx.opts.udpFields, 2);
  assert.ok(rx.notes.some((n) => /line 4 not understood: bogus line/.test(n)), rx.notes.join('|'));
  const xps = presetOptionsFromText({ xpsText: '/sys/class/net/x/queues/tx-0/xps_cpus:1\nnonsense\n/sys/class/net/x/queues/tx-1/xps_cpus:00000000,00000002\n' });
  assert.deepEqual(xps.opts.xps?.masks, [1n, 2n]);
  assert.ok(xps.notes.some((n) => /line 2 not used: nonsense/.test(n)));
  const win = presetOptionsFromText({ tableText: fixture('get-netadapterrss-bcm57800.txt') + 'Weird : thing\n' });
  assert.equal(win.opts.table?.length, 128);
  assert.ok(win.notes.some((n) => /line 35 not understood: Weird : thing/.test(n)), win.notes.join('|'));
  assert.throws(() => parseXpsCpus('nothing here'), /no xps_cpus masks/);
  assert.throws(() => parseGetNetAdapterRss('Name : x\n'), /no IndirectionTable/);
});

test('hash CLI: ENA presets and the XPS preset from real files', async () => {
  const fixed = await run(runHash, ['--preset', 'aws-ena-fixed-key', '--src', '1.2.3.4:7000', '--dst', '1.2.3.5:7000', '--queues', '128']);
  assert.equal(fixed.out, 'hash=0x50705070 queue=112\n'); // the calculator's "RSS table entry : 112"
  const key = '77:d1:c9:34:a4:c9:bd:87:6e:35:dd:17:b2:e3:23:9e:39:6d:8a:93:2a:95:b4:72:3a:b3:7f:56:8e:de:b6:01:97:af:3b:2f:3a:70:e7:04';
  const dpdk = await run(runHash, ['--preset', 'aws-ena', '--key', key, '--ena-driver', 'dpdk', '--src', '1.2.3.4:7000', '--dst', '1.2.3.5:7000', '--queues', '128']);
  assert.equal(dpdk.out, 'hash=0xa9828bd4 queue=84\n');
  const xps = await run(runHash, ['--preset', 'linux-xps-pinned', '--xps', fixturePath('xps-veth-4q.txt'), '--cpu', '1', '--src', '10.0.0.1:1', '--dst', '10.0.0.2:2']);
  assert.match(xps.out, /model/);
  assert.match(xps.out, /queue 1: 0\.500000\n {2}queue 2: 0\.000000\n {2}queue 3: 0\.500000/);
});
