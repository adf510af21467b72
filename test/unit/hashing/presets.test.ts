import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PRESETS, PRESET_NAMES, queueOf, queueWeights, compilePreset, defaultTable, SYMMETRIC_RSS_KEY, parseFlow,
  flowHashLinuxSiphash, xenvifHash8, PresetName,
} from '../../../src/core/hashing';
import { TOEPLITZ_PORTS, XENVIF_PORTS, MS_IPV4, digits, tcp } from './vectors';

const N = [1, 2, 3, 4, 5, 6, 7, 8];
const near = (a: number, b: number, eps = 1e-9): boolean => Math.abs(a - b) < eps;

test('the ten presets are listed and documented', () => {
  assert.deepEqual([...PRESET_NAMES], [
    'linux-netfront', 'linux-3.16-netfront', 'linux-tx', 'windows-pv-8.1', 'windows-pv-8.2-rss', 'nic-rss-toeplitz',
    'aws-ena-fixed-key', 'aws-ena', 'linux-xps-pinned', 'custom',
  ]);
  for (const p of PRESETS) {
    assert.ok(p.title && p.models && p.description.length > 40, p.name);
  }
  const exact = PRESETS.filter((p) => p.exact).map((p) => p.name);
  assert.deepEqual(exact, ['windows-pv-8.1', 'windows-pv-8.2-rss', 'nic-rss-toeplitz', 'aws-ena-fixed-key', 'aws-ena', 'linux-xps-pinned', 'custom']);
  for (const p of PRESETS) assert.equal(p.caps.kind === 'exact', p.exact, p.name);
});

test('weights are probabilities for every preset and n', () => {
  for (const name of PRESET_NAMES) {
    for (const n of [1, 2, 3, 5, 8, 16]) {
      const opts = name === 'custom' ? { key: SYMMETRIC_RSS_KEY } : {};
      const w = queueWeights(name, n, opts);
      assert.equal(w.length, n);
      assert.ok(near(w.reduce((a, b) => a + b, 0), 1), `${name} n=${n}`);
      assert.ok(w.every((x) => x >= 0));
    }
  }
});

test('random-hash models are uniform to within n/2^32; hash8 and tables are not', () => {
  for (const name of ['linux-netfront', 'linux-3.16-netfront', 'linux-tx'] as const) {
    for (const w of queueWeights(name, 5)) assert.ok(near(w, 0.2, 1e-8), name);
  }
  assert.deepEqual(queueWeights('windows-pv-8.1', 5).map((w) => w * 256), [52, 51, 51, 51, 51]);
  assert.deepEqual(queueWeights('nic-rss-toeplitz', 3).map((w) => w * 128), [43, 43, 42]);
  assert.deepEqual(queueWeights('windows-pv-8.2-rss', 7).map((w) => w * 128), [19, 19, 18, 18, 18, 18, 18]);
  assert.deepEqual(queueWeights('nic-rss-toeplitz', 4, { table: [0, 0, 0, 3] }), [0.75, 0, 0, 0.25]);
});

test('model presets give no queue without a seed, a reproducible draw with one', () => {
  const f = tcp('10.0.0.1', 40000, '10.0.0.2', 5001);
  assert.equal(queueOf('linux-netfront', f, 4), undefined);
  assert.equal(queueOf('linux-tx', f, 4), undefined);
  assert.equal(queueOf('linux-3.16-netfront', f, 4), undefined);
  const seed = 0x0f0e0d0c0b0a09080706050403020100n;
  const h = flowHashLinuxSiphash(parseFlow(f), seed);
  assert.deepEqual(queueOf('linux-netfront', f, 4, { seed }), { hash: h, queue: h % 4 });
  assert.deepEqual(queueOf('linux-tx', f, 4, { seed }), { hash: h, queue: Math.floor((h * 4) / 2 ** 32) });
  assert.equal(compilePreset('linux-tx', 4, { seed }).exact, false);
});

test('linux-3.16-netfront with a known hashrnd is exact (§4.4 vector, % n)', () => {
  const f = tcp('10.0.0.1', 40000, '10.0.0.2', 5001);
  const c = compilePreset('linux-3.16-netfront', 8, { seed: 0x12345678 });
  assert.equal(c.exact, true);
  assert.deepEqual(queueOf('linux-3.16-netfront', f, 8, { seed: 0x12345678 }), { hash: 0xfb6c9bda, queue: 0xfb6c9bda % 8 });
  assert.deepEqual(N.map((n) => queueOf('linux-3.16-netfront', f, n, { seed: 0x12345678 })?.queue), digits('00022032'));
  assert.throws(() => queueOf('linux-3.16-netfront', f, 8, { seed: 1n << 40n }), RangeError);
});

test('windows-pv-8.1: XENVIF hash8 % n', () => {
  for (const [sport, hash8, queues] of XENVIF_PORTS) {
    const f = tcp('10.0.0.1', sport, '10.0.0.2', 5001);
    assert.deepEqual(N.map((n) => queueOf('windows-pv-8.1', f, n)), digits(queues).map((queue) => ({ hash: hash8, queue })));
  }
});

test('nic-rss-toeplitz and windows-pv-8.2-rss: §5.5 example flows', () => {
  for (const [sport, hash, , queues] of TOEPLITZ_PORTS) {
    const f = tcp('10.0.0.1', sport, '10.0.0.2', 5001);
    assert.deepEqual(N.map((n) => queueOf('nic-rss-toeplitz', f, n)), digits(queues).map((queue) => ({ hash, queue })));
    // mapping[hash % 128] equals table[hash & 127] for a 128-entry table.
    assert.deepEqual(N.map((n) => queueOf('windows-pv-8.2-rss', f, n)?.queue), digits(queues));
  }
});

test('windows-pv-8.2-rss hashes UDP on addresses only; 8.1 uses the ports', () => {
  const [src, sp, dst, dp, ipOnly] = MS_IPV4[0];
  assert.equal(queueOf('windows-pv-8.2-rss', tcp(src, sp, dst, dp, 'udp'), 4)?.hash, ipOnly);
  assert.equal(queueOf('windows-pv-8.1', tcp(src, sp, dst, dp, 'udp'), 4)?.hash, xenvifHash8(parseFlow(tcp(src, sp, dst, dp))));
});

test('Toeplitz options: key, table, 2-tuple, symmetric XOR', () => {
  const [src, sp, dst, dp, ipOnly, withTcp] = MS_IPV4[1];
  const f = tcp(src, sp, dst, dp);
  assert.equal(queueOf('nic-rss-toeplitz', f, 4, { fields: 2 })?.hash, ipOnly);
  assert.equal(queueOf('custom', f, 4, { key: Uint8Array.from([0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa]) })?.hash, withTcp);
  const rev = tcp(dst, dp, src, sp);
  assert.equal(queueOf('nic-rss-toeplitz', f, 4, { symmetricXor: true })?.hash, queueOf('nic-rss-toeplitz', rev, 4, { symmetricXor: true })?.hash);
  // custom with a non-power-of-two table indexes by hash % T.
  const table = defaultTable(96, 4);
  const r = queueOf('custom', f, 4, { key: SYMMETRIC_RSS_KEY, table });
  assert.ok(r);
  assert.equal(r.queue, table[r.hash % 96]);
  assert.throws(() => queueOf('nic-rss-toeplitz', f, 4, { table }), RangeError);
  assert.throws(() => queueOf('custom', f, 4), RangeError, 'custom needs a key');
  assert.throws(() => queueOf('nic-rss-toeplitz', f, 2, { table: [0, 1, 2, 3] }), RangeError, 'entry beyond n');
});

test('IPv6 flows through the presets', () => {
  const f = tcp('3ffe:2501:200:1fff::7', 2794, '3ffe:2501:200:3::1', 1766);
  assert.equal(queueOf('nic-rss-toeplitz', f, 8)?.hash, 0x40207d3d);
  assert.equal(queueOf('nic-rss-toeplitz', f, 8)?.queue, (0x40207d3d & 127) % 8);
  assert.ok(queueOf('windows-pv-8.1', f, 8));
});

test('bad input', () => {
  // @ts-expect-error -- a name the type rejects: an untyped caller still gets a RangeError
  assert.throws(() => queueOf('nope', tcp('1.1.1.1', 1, '2.2.2.2', 2), 4), RangeError);
  assert.throws(() => queueOf('windows-pv-8.1', tcp('1.1.1.1', 1, '::2', 2), 4), RangeError);
  assert.throws(() => queueOf('windows-pv-8.1', tcp('1.1.1', 1, '2.2.2.2', 2), 4), SyntaxError);
  assert.throws(() => queueOf('windows-pv-8.1', tcp('1.1.1.1', 70000, '2.2.2.2', 2), 4), RangeError);
  assert.throws(() => queueWeights('windows-pv-8.1', 0), RangeError);
});

/** §7.4: 8 consecutive source ports from every start s in 32768..60992. */
function consecutive(preset: PresetName, n: number): { pBal: number; eMax: number } {
  const c = compilePreset(preset, n);
  const f = parseFlow(tcp('10.0.0.1', 32768, '10.0.0.2', 5001));
  const q = new Map<number, number>();
  for (let p = 32768; p <= 60999; p++) { f.sport = p; q.set(p, c.flowQueue?.(f).queue ?? -1); }
  let bal = 0, sumMax = 0, runs = 0;
  for (let s = 32768; s <= 60992; s++) {
    const loads = new Array<number>(n).fill(0);
    for (let i = 0; i < 8; i++) loads[q.get(s + i) ?? 0]++;
    const max = Math.max(...loads);
    if (max === Math.ceil(8 / n)) bal++;
    sumMax += max;
    runs++;
  }
  return { pBal: bal / runs, eMax: sumMax / runs };
}

test('§7.4 consecutive-port spreads: XENVIF 8.1 and Toeplitz (MS key, 128 table)', () => {
  const xen = [[1, 8], [0.9461, 4.0557], [0.5961, 3.4569], [0.9189, 2.0815], [0.3555, 2.7221], [0.8870, 2.1130], [0.6839, 2.3309], [0.9064, 1.0937]];
  const toe = [[1, 8], [0.7965, 4.2035], [0.4047, 3.7565], [0.1018, 3.4677], [0.2125, 2.9733], [0.5421, 2.4670], [0.2953, 2.8453], [0, 2.1362]];
  for (const n of N) {
    const a = consecutive('windows-pv-8.1', n);
    assert.ok(near(a.pBal, xen[n - 1][0], 6e-5) && near(a.eMax, xen[n - 1][1], 6e-5), `xenvif n=${n}: ${JSON.stringify(a)}`);
    const b = consecutive('nic-rss-toeplitz', n);
    assert.ok(near(b.pBal, toe[n - 1][0], 6e-5) && near(b.eMax, toe[n - 1][1], 6e-5), `toeplitz n=${n}: ${JSON.stringify(b)}`);
  }
});
