// Issue 12 item 5: hostile iperf logs parse in time linear in their size. No timing assertions: each input is
// large enough that the quadratic parser of before (25-56 s for one 100 k line, 28.7 s for 60 k streams) would
// run past the 20 s per-test timeout set here, while the outcome is asserted exactly.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIperfLog } from '../../../src/core/iperf';
import { MAX_LINE_LENGTH } from '../../../src/core/iperf/lines';

const LIMIT = { timeout: 20000 };
const goodLog = [
  'Client connecting to 10.0.0.2, TCP port 5001',
  '[  3] local 10.0.0.1 port 40000 connected with 10.0.0.2 port 5001',
  '[  3]  0.0-10.0 sec  9.32 GBytes  8.00 Gbits/sec',
].join('\n');

function longLineWarnings(text: string): string[] {
  return parseIperfLog(text).messages.filter((m) => m.source === 'reader' && /longer than/.test(m.text)).map((m) => m.text);
}

describe('hostile iperf logs parse in linear time', () => {
  it('one 200 k-character "[  3] 0-0-0-…" line: skipped with one counted warning, the rest of the log read', LIMIT, () => {
    const text = `[  3] ${'0-'.repeat(100_000)}\n${goodLog}\n`;
    const log = parseIperfLog(text);
    assert.equal(log.longLines, 1);
    assert.deepEqual(longLineWarnings(text), [`1 line longer than ${MAX_LINE_LENGTH} characters (longer than any iperf line) skipped without being read, the first at line 1`]);
    assert.equal(log.tests.length, 1);
    assert.equal(log.tests[0].streams[0].totals?.bitsPerSecond, 8e9);
  });

  it('"x" + 200 k spaces + "y", three times: one warning counting three lines', LIMIT, () => {
    const bad = `x${' '.repeat(200_000)}y\n`;
    const log = parseIperfLog(`${goodLog}\n${bad}${bad}${bad}`);
    assert.equal(log.longLines, 3);
    assert.equal(log.messages.filter((m) => m.source === 'reader').length, 1);
    assert.match(log.messages[0].text, /^3 lines longer than \d+ characters .* the first at line 4$/);
    assert.equal(log.tests.length, 1);
  });

  it('3 000 lines just under the cap of "[  3] 0-0-…" and of spaces: read (as unknown lines), not skipped', LIMIT, () => {
    const dashes = `[  3] ${'0-'.repeat((MAX_LINE_LENGTH - 8) / 2)}\n`;
    const spaces = `x${' '.repeat(MAX_LINE_LENGTH - 2)}y\n`;
    assert.ok(dashes.length - 1 <= MAX_LINE_LENGTH && spaces.length - 1 <= MAX_LINE_LENGTH);
    const log = parseIperfLog(`${goodLog}\n${dashes.repeat(1500)}${spaces.repeat(1500)}`);
    assert.equal(log.longLines, undefined);
    assert.equal(log.unknownLines, 3000);
    assert.equal(log.unknown[0].text.length, dashes.length - 1);
    assert.equal(log.tests[0].streams.length, 1);
  });

  it('4 000-digit numbers in report rows: no row shape (unknown lines), found fast', LIMIT, () => {
    const row = `[  3]  0.0-10.0 sec  ${'1'.repeat(4000)} GBytes  8.00 Gbits/sec\n`;
    assert.equal(parseIperfLog(`${goodLog}\n${row.repeat(1000)}`).unknownLines, 1000);
    const tail = `[  3] 0.00-1.00 sec  1.00 MBytes  8.39 Mbits/sec  ${'1'.repeat(1900)}/${'1'.repeat(1900)} 3`;
    const log = parseIperfLog(`${goodLog}\n${`${tail}\n`.repeat(500)}`);
    assert.equal(log.tests.length, 1);
    assert.equal(log.tests[0].streams[0].intervals.length + log.tests[0].streams[0].summaries.length, 501);
    assert.equal(log.tests[0].streams[0].intervals[0].retransmits, undefined);
  });

  it('60 k streams in one iperf 2 log: one test with every stream (no scan of all streams per connect line)', LIMIT, () => {
    const n = 60_000;
    const lines = ['Client connecting to 10.0.0.2, TCP port 5001'];
    // the old parser walked every stream on every connect line: the connect lines alone make it quadratic
    for (let i = 1; i <= n; i++) lines.push(`[${String(i).padStart(3)}] local 10.0.0.1 port ${i} connected with 10.0.0.2 port 5001`);
    lines.push(`[${n}]  0.0-10.0 sec  1.00 MBytes   839 Kbits/sec`);
    const log = parseIperfLog(`${lines.join('\n')}\n`);
    assert.equal(log.tests.length, 1);
    assert.equal(log.tests[0].streams.length, n);
    assert.equal(log.tests[0].streams[n - 1].local?.port, n);
    assert.equal(log.tests[0].streams[n - 1].totals?.bytes, 1024 * 1024);
  });
});
