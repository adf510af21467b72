// A packet with a far-off timestamp must not make the time series allocate flows × 1 M bins:
// the analyser widens its bins instead and says so.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCaptures } from '../../../src/core/flows';
import { SERIES_CELL_BUDGET } from '../../../src/core/flows/analyse';
import { eth, ipv4, pcapFile, tcp, udp, writeTemp } from '../capture/builders';

describe('hostile timestamps', () => {
  it('widens the bins when flows × bins would exceed the budget, keeping every count', async () => {
    const recs = [];
    for (let i = 0; i < 40; i++) {
      recs.push({ sec: 1000, frac: i * 1000, data: eth(0x0800, ipv4('10.0.0.1', `10.0.1.${i}`, 6, tcp(1000 + i, 80))) });
    }
    // One packet a day later: 864 000 bins of 100 ms, × 41 flows is far beyond the budget.
    recs.push({ sec: 1000 + 86_400, frac: 0, data: eth(0x0800, ipv4('10.0.0.1', '10.0.0.9', 17, udp(5, 6))) });
    const r = await analyseCaptures([writeTemp('far-future.pcap', pcapFile(recs))]);
    assert.equal(r.packets, 41);
    assert.equal(r.flows.length, 41);
    const bins = r.timeline.packets.length;
    assert.ok(bins * r.flows.length <= SERIES_CELL_BUDGET, `${bins} bins × ${r.flows.length} flows`);
    assert.ok(r.binMs > 100 && Math.log2(r.binMs / 100) % 1 === 0, `binMs ${r.binMs}`);
    assert.ok(r.warnings.some((w) => /bins widened from 100 ms/.test(w)), r.warnings.join('\n'));
    assert.equal(r.timeline.packets.reduce((a, b) => a + b, 0), 41);
    for (const f of r.flows) {
      assert.equal(f.series.aToB.length, bins);
      assert.equal(f.series.aToB.reduce((a, b) => a + b, 0), f.aToB.bytes);
    }
    assert.equal(r.timeline.packets[0], 40);
    assert.equal(r.timeline.packets[bins - 1], 1);
  });

  it('leaves a packet beyond 2^20 bins (30 years on) out of the series, with a warning', async () => {
    const recs = [0, 946_080_000].map((dt, i) => ({ sec: 1000 + dt, frac: 0, data: eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1 + i, 2))) }));
    const r = await analyseCaptures([writeTemp('far-far-future.pcap', pcapFile(recs))]);
    assert.equal(r.packets, 2);
    assert.equal(r.timeline.packets.length, 1);
    assert.ok(r.warnings.some((w) => /left out of the time series/.test(w)), r.warnings.join('\n'));
  });

  it('leaves the bins alone for an ordinary capture', async () => {
    const recs = [0, 1, 2].map((i) => ({ sec: 1000 + i, frac: 0, data: eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1, 2))) }));
    const r = await analyseCaptures([writeTemp('plain.pcap', pcapFile(recs))]);
    assert.equal(r.binMs, 100);
    assert.equal(r.timeline.packets.length, 21);
    assert.deepEqual(r.warnings, []);
  });
});
