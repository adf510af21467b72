import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { CliIo } from '../../../src/cli/io';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('queue-lens spread', () => {
  it('--json has exactly the documented shape and the spec\'s numbers', async () => {
    const r = await run(['spread', '--flows', '8', '--queues', '1-8', '--json']);
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as { flows: number; queues: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(j), ['flows', 'queues']);
    assert.equal(j.flows, 8);
    assert.deepEqual(j.queues.map((q) => q.n), [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const q of j.queues) {
      assert.deepEqual(Object.keys(q), ['n', 'pBalanced', 'expectedMax', 'maxLoad', 'throughput', 'busyQueues']);
      const busy = q.busyQueues as Record<string, number>;
      assert.ok(Math.abs(Object.values(busy).reduce((s, p) => s + p, 0) - 1) < 1e-12);
      // model A's throughput is the mean number of busy queues
      const meanBusy = Object.entries(busy).reduce((s, [o, p]) => s + Number(o) * p, 0);
      assert.ok(Math.abs(meanBusy - (q.throughput as { A: number }).A) < 1e-12);
      assert.deepEqual(Object.keys(q.throughput as object), ['A', 'B']);
      const ml = q.maxLoad as Record<string, number>;
      assert.ok(Math.abs(Object.values(ml).reduce((s, p) => s + p, 0) - 1) < 1e-12);
    }
    const q5 = j.queues[4] as { pBalanced: number; expectedMax: number; maxLoad: Record<string, number>; throughput: { A: number; B: number } };
    assert.ok(Math.abs(q5.pBalanced - 504 / 3125) < 1e-12);
    assert.ok(Math.abs(q5.expectedMax - 9928 / 3125) < 1e-12);
    assert.deepEqual(Object.keys(q5.maxLoad), ['2', '3', '4', '5', '6', '7', '8']);
    assert.ok(Math.abs(q5.throughput.A - 4.1611) < 5e-5);
    assert.ok(Math.abs(q5.throughput.B - 2.6728) < 5e-5);
    assert.deepEqual(j.queues[0].maxLoad, { '8': 1 });
  });

  it('--queue-gbps scales throughput; --preset picks queue weights', async () => {
    const base = JSON.parse((await run(['spread', '--flows', '8', '--queues', '3', '--json'])).out);
    const gb = JSON.parse((await run(['spread', '--flows', '8', '--queues', '3', '--json', '--queue-gbps', '10'])).out);
    assert.ok(Math.abs(gb.queues[0].throughput.A - 10 * base.queues[0].throughput.A) < 1e-9);
    const nic = JSON.parse((await run(['spread', '--flows', '8', '--queues', '3', '--json', '--preset', 'nic-rss-toeplitz'])).out);
    assert.ok(Math.abs(nic.queues[0].pBalanced - 0.255949) < 5e-7); // 43/43/42 table fill
  });

  it('text output lists each n with the blip probability', async () => {
    const r = await run(['spread', '--flows', '8', '--queues', '4-5']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^n=4 {2}P\(balanced\) 0\.038452/m);
    assert.match(r.out, /^n=5 .*P\(slower than n=4\): A 0\.0988, B 0\.1939/m);
    assert.match(r.out, /max load: 2: 0\.161280/);
  });

  it('usage errors exit 1', async () => {
    for (const argv of [
      ['spread', '--queues', '1-8'],
      ['spread', '--flows', '8'],
      ['spread', '--flows', 'x', '--queues', '2'],
      ['spread', '--flows', '8', '--queues', '5-2'],
      ['spread', '--flows', '8', '--queues', '2', '--preset', 'nope'],
      ['spread', '--flows', '8', '--queues', '2', '--bogus'],
      ['spread', '--flows', '8', '--queues', '2', '--queue-gbps', '-3'],
    ]) {
      const r = await run(argv);
      assert.equal(r.code, 1, argv.join(' '));
      assert.match(r.err, /queue-lens spread:/);
    }
  });
});
