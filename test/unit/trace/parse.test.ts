// The trace reader on a real recorded trace (test/fixtures/recorded), and on broken copies of it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTrace, traceFlows, TraceFormatError, rowQueue } from '../../../src/core/trace';
import { fixturesDir } from '../../helpers/paths';

const file = path.join(fixturesDir, 'recorded', 'iperf3-p8-q4', 'trace.txt');
const text = fs.readFileSync(file, 'utf8');

describe('trace reader (queue-lens-trace/1)', () => {
  it('reads the recorded trace: header, every row complete, no warnings', () => {
    const t = parseTrace(text, file);
    assert.equal(t.format, 'queue-lens-trace/1');
    assert.ok(t.ifindex > 0 && t.netnsInode > 0);
    assert.ok(t.endNs !== null && t.endNs > t.startNs);
    assert.deepEqual(t.warnings, []);
    // every @pkts line is one row, and each row got all eight maps
    const pktsLines = text.split('\n').filter((l) => l.startsWith('@pkts[')).length;
    assert.equal(t.rows.length, pktsLines);
    const mapLines = text.split('\n').filter((l) => /^@(pkts|segs|bytes|wire|hash|l4hash|first|last)\[/.test(l)).length;
    // hash and l4hash are printed only where they are not 0
    const zeroHashes = t.rows.filter((r) => r.hash === 0).length + t.rows.filter((r) => !r.l4Hash).length;
    assert.equal(mapLines, 8 * t.rows.length - zeroHashes);
  });

  it('joins rows into flows: the 8 iperf3 data streams are tx TCP flows from ports 42000..42007 with an L4 hash', () => {
    const flows = traceFlows(parseTrace(text, file), 'veth');
    const data = flows.filter((f) => f.direction === 'tx' && f.proto === 6 && f.sport >= 42000 && f.sport <= 42007);
    assert.deepEqual(data.map((f) => f.sport).sort(), [42000, 42001, 42002, 42003, 42004, 42005, 42006, 42007]);
    for (const f of data) {
      assert.ok(f.l4Hash, `${f.sport} has an L4 hash`);
      assert.equal(f.queues[0].meaning, 'tx');
      assert.ok(f.wireBytes > f.queues.reduce((a, q) => a + q.bytes, 0) - 1, 'wire bytes count every segment\'s headers');
    }
  });

  it('veth receive: netif_rx carries the sender\'s tx queue (sender-tx); elsewhere queue_mapping is rx queue + 1', () => {
    const rx = parseTrace(text, file).rows.find((r) => r.direction === 'rx')!;
    assert.equal(rx.probe, 'tracepoint:net:netif_rx_entry');
    assert.deepEqual(rowQueue(rx, 'veth'), { queue: rx.rawQueue, meaning: 'sender-tx' });
    assert.deepEqual(rowQueue({ ...rx, rawQueue: 3 }, 'mlx5_core'), { queue: 2, meaning: 'rx' });
    assert.deepEqual(rowQueue({ ...rx, rawQueue: 0 }, 'mlx5_core'), { queue: null, meaning: 'not-recorded' });
  });

  it('a malformed map line is an error naming the file and line', () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('@wire['));
    const bad = [...lines];
    bad[i] = bad[i].replace(/: \d+$/, ': 12x');
    const unknownLine = [...lines];
    unknownLine[i] = lines[i].replace(/^@wire\[[^,]+/, '@wire[tracepoint:net:nope');
    const shortKey = [...lines];
    shortKey[i] = lines[i].replace(/, \d+, \d+\]/, ']');
    const badAddr = [...lines];
    badAddr[i] = lines[i].replace(/, 6, [^,]+,/, ', 6, 10.0.0.999x,');
    for (const [t, re] of [[bad, /malformed map line/], [unknownLine, /unknown probe/], [shortKey, /key fields/], [badAddr, /not an IP address/]] as const) {
      assert.throws(() => parseTrace(t.join('\n'), 'x.txt'), (e: unknown) => {
        assert.ok(e instanceof TraceFormatError);
        assert.equal(e.line, i + 1);
        assert.match(e.message, new RegExp(`^x\\.txt:${i + 1}: `));
        assert.match(e.message, re);
        return true;
      });
    }
  });

  it('unknown lines are counted and named in a warning; a missing end line is warned about; no header is an error', () => {
    const t = parseTrace(`${text}\nsomething else\nmore\n`.replace(/^queue-lens-trace\/1 end_ns=\d+$/m, ''), 'y.txt');
    assert.ok(t.warnings.some((w) => /2 lines of no known kind not read/.test(w)), t.warnings.join('; '));
    assert.ok(t.warnings.some((w) => /no end line/.test(w)));
    assert.equal(t.endNs, null);
    assert.throws(() => parseTrace('nothing here\n', 'z.txt'), /z\.txt:1: no "queue-lens-trace\/1/);
  });

  it('a key missing from one map is left out with a warning', () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('@wire['));
    lines.splice(i, 1);
    const t = parseTrace(lines.join('\n'), 'w.txt');
    assert.equal(t.rows.length, parseTrace(text, file).rows.length - 1);
    assert.ok(t.warnings.some((w) => /1 key missing from some of the maps/.test(w)));
  });
});
