import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runIperf } from '../../../src/cli/iperfCommand';
import { CliIo, UsageError } from '../../../src/cli/io';
import { fixturesDir } from '../../helpers/paths';
import { fixturePath } from './helpers';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (t) => { out += t; }, err: (t) => { err += t; } }, out: () => out, err: () => err };
}

describe('queue-lens iperf', () => {
  it('--json prints exactly the issue 4 shape', async () => {
    const c = capture();
    const code = await runIperf([path.join(fixturesDir, 'iperf2-tcp8-text', 'client.out'), '--json'], c.io);
    assert.equal(code, 0);
    const j = JSON.parse(c.out()) as Record<string, unknown> & { tests: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(j), ['tool', 'format', 'tests']);
    assert.deepEqual([j.tool, j.format], ['iperf2', 'text']);
    const t = j.tests[0] as { protocol: string; streams: Record<string, unknown>[]; sum: Record<string, unknown> };
    assert.deepEqual(Object.keys(t), ['protocol', 'streams', 'sum']);
    assert.deepEqual(Object.keys(t.streams[0]), ['id', 'local', 'remote', 'bytes', 'seconds', 'bitsPerSecond', 'intervals']);
    assert.deepEqual(t.streams[0], {
      id: 1,
      local: { ip: '10.201.0.1', port: 44120 },
      remote: { ip: '10.201.0.2', port: 5001 },
      bytes: 13212058,
      seconds: 2.0102,
      bitsPerSecond: 52700000,
      intervals: [
        { start: 0, end: 1, bytes: 6553600, bitsPerSecond: 52400000 },
        { start: 1, end: 2, bytes: 6553600, bitsPerSecond: 52400000 },
      ],
    });
    assert.deepEqual(t.sum, { bytes: 101 * 1024 * 1024, bitsPerSecond: 424000000 });
  });

  it('interval extras appear only when the log has them', async () => {
    const c = capture();
    assert.equal(await runIperf([fixturePath('iperf3-json-stream.txt'), '--json'], c.io), 0);
    const j = JSON.parse(c.out()) as { tests: { streams: { intervals: Record<string, number>[] }[] }[] };
    assert.deepEqual(j.tests[0].streams[0].intervals[0], { start: 0, end: 1, bytes: 2621440, bitsPerSecond: 20971520, retransmits: 0, cwnd: 279552, rtt: 312 });
  });

  it('prints a text summary without --json', async () => {
    const c = capture();
    assert.equal(await runIperf([path.join(fixturesDir, 'iperf3-udp4-text', 'client.out')], c.io), 0);
    assert.match(c.out(), /iperf3 text, 1 test/);
    assert.match(c.out(), /udp, client side, forward, 4 streams/);
    assert.match(c.out(), /10\.201\.0\.1:59538\s+10\.201\.0\.2:5201\s+5001708/);
    assert.match(c.out(), /unknown lines: 0/);
  });

  it('--bidir: the text shows the same three sums as --json (TX, RX, both)', async () => {
    for (const name of ['client.json', 'client.out']) {
      const file = path.join(fixturesDir, 'iperf3-bidir', name);
      const t = capture();
      const j = capture();
      assert.equal(await runIperf([file], t.io), 0);
      assert.equal(await runIperf([file, '--json'], j.io), 0);
      const cli = (JSON.parse(j.out()) as { tests: Record<string, { bytes: number }>[] }).tests[0];
      for (const [label, key] of [['SUM TX', 'sumSent'], ['SUM RX', 'sumReceived'], ['SUM', 'sum']]) {
        assert.match(t.out(), new RegExp(`\\n  ${label}\\s+${cli[key].bytes}\\s`), `${name}: ${label}`);
      }
    }
  });

  it('exits 2 with file and line on a malformed number', async () => {
    const c = capture();
    const file = fixturePath('errors/bad-transfer-iperf2.txt');
    assert.equal(await runIperf([file], c.io), 2);
    assert.equal(c.out(), '');
    assert.ok(c.err().includes(`${file}:7: malformed transfer '9.3x'`), c.err());
  });

  it('exits 2 on a missing file', async () => {
    const c = capture();
    assert.equal(await runIperf([fixturePath('no-such-file.txt')], c.io), 2);
    assert.match(c.err(), /cannot read/);
  });

  it('throws UsageError without a file or with an unknown option', async () => {
    await assert.rejects(runIperf([], capture().io), UsageError);
    await assert.rejects(runIperf(['x', '--bogus'], capture().io), UsageError);
  });
});

/** Run the compiled CLI as a user would; `closeStdout` closes the reading end at once (`| head -0`). */
function runCli(args: string[], closeStdout = false): Promise<{ code: number | null; out: string; err: string }> {
  const main = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const publicLog = (name: string): string => path.join(fixturesDir, 'public-iperf', name);

describe('queue-lens iperf as a Unix filter', () => {
  it('output to a closed pipe ends quietly with the usual status (no EPIPE stack trace)', { timeout: 20000 }, async () => {
    for (const args of [[publicLog('pdp2024-iperf219-server-and-client-one-shell.txt')], [publicLog('pdp2024-iperf219-server-and-client-one-shell.txt'), '--json']]) {
      const r = await runCli(['iperf', ...args], true);
      assert.equal(r.err, '', r.err);
      assert.equal(r.code, 0);
    }
  });

  it('the same command with its output read prints the tests (the pipe test is not vacuous)', { timeout: 20000 }, async () => {
    const r = await runCli(['iperf', publicLog('pdp2024-iperf219-server-and-client-one-shell.txt')]);
    assert.equal(r.code, 0);
    assert.match(r.out, /iperf2 text, 20 tests/);
  });

  it('control characters from the log (ESC, OSC 8, BEL, C1) are shown escaped, never sent raw', { timeout: 20000 }, async () => {
    const r = await runCli(['iperf', publicLog('terminal-escapes-iperf312.txt')]);
    assert.equal(r.code, 0);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the output
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(r.out), JSON.stringify(r.out));
    assert.ok(r.out.includes('warning (line 2): warning: \\x1b]0;owned\\x07\\x1b]8;;https://example.invalid/\\x07click'), r.out);
    assert.ok(r.out.includes('\\x1b[2J\\u009b2J done'), r.out);
    const j = await runCli(['iperf', publicLog('terminal-escapes-iperf312.txt'), '--json']);
    assert.equal(j.code, 0);
    assert.equal((JSON.parse(j.out) as { tests: unknown[] }).tests.length, 1, 'escaped --json output is still JSON');
  });
});
