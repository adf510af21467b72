// The per-flow model check: linux-tx (reciprocal_scale or XPS), netfront (hash % n), Toeplitz + table (published vector).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { modelCheck } from '../../../src/core/analysis/observed/modelCheck';
import type { RunConfig } from '../../../src/core/analysis/observed/runConfig';
import { defaultTable, MS_RSS_KEY, parseXpsCpus } from '../../../src/core/hashing';
import type { TraceFlow, TraceRow } from '../../../src/core/trace';

const cfg = (over: Partial<RunConfig> = {}): RunConfig => ({ xpsSet: false, xpsRxqsSet: false, rxFields: {}, warnings: [], ...over });

function flow(direction: 'tx' | 'rx', rows: Array<{ hash: number; rawQueue: number; cpu?: number }>, probe = 'tracepoint:net:net_dev_start_xmit'):
  TraceFlow & { localPort: number } {
  // Microsoft's RSS verification flow: 66.9.149.187:2794 → 161.142.100.80:1766, Toeplitz 0x51ccc178 under its key
  const base = { probe, direction, ifindex: 2, proto: 6, src: '66.9.149.187', sport: 2794, dst: '161.142.100.80', dport: 1766, vlan: null,
    packets: 1, segments: 1, bytes: 100, wireBytes: 100, l4Hash: true, firstNs: 1, lastNs: 2, line: 1 };
  const trows: TraceRow[] = rows.map((r) => ({ ...base, hash: r.hash, rawQueue: r.rawQueue, cpu: r.cpu ?? 0 }));
  return { direction, proto: 6, src: base.src, sport: 2794, dst: base.dst, dport: 1766, vlan: null, packets: rows.length, wireBytes: 100 * rows.length,
    queues: [], hash: rows[0].hash, l4Hash: true, rows: trows, localPort: 2794 };
}

describe('model check against traced hashes', () => {
  it('linux-tx: queue = reciprocal_scale(hash, n); a row the kernel put elsewhere is a disagreement naming what else decides', () => {
    // 0x9e3779b9 × 8 >> 32 = 4; 0x10000000 × 8 >> 32 = 0
    const ok = modelCheck([flow('tx', [{ hash: 0x9e3779b9, rawQueue: 4 }, { hash: 0x10000000, rawQueue: 0, cpu: 1 }])], 'tx', 8, cfg({ driver: 'veth' }));
    assert.equal(ok.preset, 'linux-tx');
    assert.deepEqual([ok.checked, ok.agree, ok.disagree.length], [2, 2, 0]);
    const bad = modelCheck([flow('tx', [{ hash: 0x9e3779b9, rawQueue: 5 }])], 'tx', 8, cfg({ driver: 'veth', xpsRxqsSet: true }));
    assert.equal(bad.agree, 0);
    assert.equal(bad.disagree[0].expected, 4);
    assert.equal(bad.disagree[0].queue, 5);
    assert.match(bad.disagree[0].reason, /xps_rxqs is set/);
  });

  it('linux-tx with XPS maps: the sending CPU\'s map decides (one queue: that queue; several: reciprocal_scale among them)', () => {
    const xps = parseXpsCpus('/sys/class/net/x/queues/tx-0/xps_cpus:1\n/sys/class/net/x/queues/tx-1/xps_cpus:2\n/sys/class/net/x/queues/tx-2/xps_cpus:2\n/sys/class/net/x/queues/tx-3/xps_cpus:0\n');
    const c = cfg({ driver: 'ixgbe', xps, xpsSet: true });
    // CPU 0 → queue 0 whatever the hash; CPU 1 → {1, 2}: 0x9e3779b9 × 2 >> 32 = 1 → queue 2
    const r = modelCheck([flow('tx', [{ hash: 0x9e3779b9, rawQueue: 0, cpu: 0 }, { hash: 0x9e3779b9, rawQueue: 2, cpu: 1 }])], 'tx', 4, c);
    assert.match(r.decidedBy, /XPS/);
    assert.deepEqual([r.checked, r.agree], [2, 2]);
  });

  it('netfront (driver vif): queue = hash % n', () => {
    const r = modelCheck([flow('tx', [{ hash: 0x9e3779b9, rawQueue: 0x9e3779b9 % 3 }])], 'tx', 3, cfg({ driver: 'vif' }));
    assert.equal(r.preset, 'linux-netfront');
    assert.deepEqual([r.checked, r.agree], [1, 1]);
  });

  it('nic-rss-toeplitz: the NIC\'s hash against Toeplitz under the recorded key (Microsoft\'s vector 0x51ccc178), then the table; rx queue_mapping is queue + 1', () => {
    const table = defaultTable(128, 4);
    const q = table[0x51ccc178 & 127];
    const c = cfg({ driver: 'mlx5_core', rxfh: { table, key: MS_RSS_KEY, hfunc: 'toeplitz' }, rxFields: { tcp4: 4 } });
    const good = modelCheck([flow('rx', [{ hash: 0x51ccc178, rawQueue: q + 1 }], 'tracepoint:net:napi_gro_receive_entry')], 'rx', 4, c);
    assert.equal(good.preset, 'nic-rss-toeplitz');
    assert.deepEqual([good.checked, good.agree], [1, 1]);
    const wrongHash = modelCheck([flow('rx', [{ hash: 0x51ccc179, rawQueue: q + 1 }], 'tracepoint:net:napi_gro_receive_entry')], 'rx', 4, c);
    assert.equal(wrongHash.disagree[0].expectedHash, 0x51ccc178);
    assert.match(wrongHash.disagree[0].reason, /not the Toeplitz hash/);
    const wrongQueue = modelCheck([flow('rx', [{ hash: 0x51ccc178, rawQueue: ((q + 1) % 4) + 1 }], 'tracepoint:net:napi_gro_receive_entry')], 'rx', 4, c);
    assert.match(wrongQueue.disagree[0].reason, /the hash agrees, but the table/);
  });

  it('veth receive and a NIC without a recorded key are not checked, with the reason', () => {
    const v = modelCheck([flow('rx', [{ hash: 1, rawQueue: 1 }], 'tracepoint:net:netif_rx_entry')], 'rx', 4, cfg({ driver: 'veth' }));
    assert.equal(v.preset, null);
    assert.match(v.notChecked ?? '', /sender's tx queue/);
    const k = modelCheck([flow('rx', [{ hash: 1, rawQueue: 1 }])], 'rx', 4, cfg({ driver: 'ixgbe' }));
    assert.match(k.notChecked ?? '', /ethtool -x/);
  });
});
