// A stream that moved between queues (txrehash after a timeout) is shown with both queues and their bytes; the model
// check follows each row's own hash. Made from the recorded fixture by re-keying part of one stream to another queue.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { observeTrace, readRunManifestIn } from '../../../src/core/analysis/observed/fromTrace';
import { readRunConfig } from '../../../src/core/analysis/observed/runConfig';
import { reciprocalScale } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';

const src = path.join(fixturesDir, 'recorded', 'iperf3-p8-q4');

function copyRun(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-moved-'));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

describe('a stream that moved between queues', () => {
  it('is shown on both queues with their bytes, and each row is checked with its own hash', () => {
    const dir = copyRun();
    try {
      const file = path.join(dir, 'trace.txt');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      // port 42000's tx rows: a copy of them on another queue (its hash changed, as after a rehash), with a hash that
      // picks that queue under reciprocal_scale
      const rows = lines.filter((l) => /^@\w+\[tracepoint:net:net_dev_start_xmit, \d+, 6, [\d.]+, 42000, /.test(l));
      assert.ok(rows.length >= 6);
      const q = Number(/, (\d+), \d+\]: /.exec(rows[0])![1]);
      const other = (q + 1) % 4;
      const newHash = Math.floor((other + 0.5) * 2 ** 30); // reciprocal_scale(h, 4) = other
      assert.equal(reciprocalScale(newHash, 4), other);
      const moved = rows.map((l) => l.replace(/, (\d+), (\d+)\]: (\d+)$/, (_m, _q, cpu, v) => `, ${other}, ${cpu}]: ${/^@hash/.test(l) ? newHash : v}`));
      fs.writeFileSync(file, [...lines, ...moved].join('\n'));
      const r = observeTrace(dir, readRunManifestIn(dir)!);
      const s = r.streams.find((x) => x.localPort === 42000)!;
      assert.equal(s.moved, true);
      assert.deepEqual(s.queues.map((x) => x.queue).sort(), [q, other].sort());
      assert.equal(s.queues[0].wireBytes, s.queues[1].wireBytes);
      assert.ok(r.warnings.some((w) => /42000 moved between queues: queue \d+ \d+ B, queue \d+ \d+ B/.test(w)));
      assert.equal(r.modelCheck.agree, r.modelCheck.checked, JSON.stringify(r.modelCheck.disagree));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the recorded config: driver veth, 4 tx queues, XPS cleared, txrehash on', () => {
    const c = readRunConfig(src, readRunManifestIn(src)!);
    assert.equal(c.driver, 'veth');
    assert.equal(c.txQueues, 4);
    assert.equal(c.xpsSet, false);
    assert.equal(c.xps?.masks.length, 4);
    assert.equal(c.txrehash, 1);
    assert.equal(c.rxfh, undefined, 'veth has no ethtool -x');
  });
});
