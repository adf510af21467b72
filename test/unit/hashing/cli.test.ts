import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runHash } from '../../../src/cli/hashCommand';
import { runPlan } from '../../../src/cli/planCommand';
import { CliIo, UsageError } from '../../../src/cli/io';
import { fixturesDir } from '../../helpers/paths';

async function run(cmd: typeof runHash, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; } };
  const code = await cmd(argv, io);
  return { code, out, err };
}

const flow = ['--src', '10.0.0.1:40000', '--dst', '10.0.0.2:5001'];
const fixture = (name: string): string => path.join(fixturesDir, 'hashing', name);

test('hash: exact presets print hash=0x%08x queue=Q', async () => {
  const nic = await run(runHash, ['--preset', 'nic-rss-toeplitz', ...flow]);
  assert.deepEqual({ code: nic.code, out: nic.out }, { code: 0, out: 'hash=0x0c863309 queue=1\n' });
  // RX hashing says plainly what overrides it on a real NIC
  assert.match(nic.err, /^note: on a real system Flow Director \/ ntuple rules .*aRFS.*RSS contexts.* take precedence over this hash\n$/);
  assert.equal((await run(runHash, ['--preset', 'nic-rss-toeplitz', '--queues', '5', ...flow])).out, 'hash=0x0c863309 queue=4\n');
  assert.equal((await run(runHash, ['--preset', 'windows-pv-8.1', '--queues', '5', ...flow])).out, 'hash=0x000000b7 queue=3\n');
  assert.equal((await run(runHash, ['--preset', 'linux-3.16-netfront', '--seed', '0x12345678', '--queues', '8', ...flow])).out, 'hash=0xfb6c9bda queue=2\n');
  const ms = ['--src', '66.9.149.187:2794', '--dst', '161.142.100.80:1766'];
  assert.equal((await run(runHash, ['--preset', 'custom', '--key', '6d5a56da255b0ec24167253d43a38fb0d0ca2bcbae7b30b477cb2da38030f20c6a42b73bbeac01fa', ...ms])).out, 'hash=0x51ccc178 queue=0\n');
  assert.equal((await run(runHash, ['--preset', 'nic-rss-toeplitz', '--fields', '2', ...ms])).out, 'hash=0x323e8fc2 queue=2\n');
  const v6 = ['--src', '[3ffe:2501:200:1fff::7]:2794', '--dst', '[3ffe:2501:200:3::1]:1766'];
  assert.equal((await run(runHash, ['--preset', 'nic-rss-toeplitz', ...v6])).out, 'hash=0x40207d3d queue=5\n');
});

test('hash: model preset without a seed prints the distribution; with one a draw', async () => {
  const r = await run(runHash, ['--preset', 'linux-tx', '--queues', '4', ...flow]);
  assert.equal(r.code, 0);
  assert.match(r.out, /model/);
  assert.match(r.out, /queue 3: 0\.250000/);
  const d = await run(runHash, ['--preset', 'linux-netfront', '--seed', '0x0f0e0d0c0b0a09080706050403020100', '--queues', '4', ...flow]);
  assert.equal(d.out, `hash=0x98d6846e queue=${0x98d6846e % 4}\n`);
  assert.match(d.err, /one reproducible draw/);
});

test('hash: table file supplies key, queues and symmetric-xor', async () => {
  const r = await run(runHash, ['--preset', 'nic-rss-toeplitz', '--table', fixture('ethtool-x-ixgbe-8rings.txt'), ...flow]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^hash=0x[0-9a-f]{8} queue=[0-7]\n$/);
  assert.match(r.err, /key: 40 bytes/);
  const fwd = await run(runHash, ['--preset', 'nic-rss-toeplitz', '--table', fixture('ethtool-x-i40e-weighted-symxor.txt'), ...flow]);
  const rev = await run(runHash, ['--preset', 'nic-rss-toeplitz', '--table', fixture('ethtool-x-i40e-weighted-symxor.txt'), '--src', '10.0.0.2:5001', '--dst', '10.0.0.1:40000']);
  assert.equal(fwd.out, rev.out);
  assert.match(fwd.err, /symmetric-xor: on/);
});

test('hash: usage errors', async () => {
  await assert.rejects(run(runHash, flow), UsageError);
  await assert.rejects(run(runHash, ['--preset', 'nope', ...flow]), UsageError);
  await assert.rejects(run(runHash, ['--preset', 'windows-pv-8.1', '--key', '00', ...flow]), /Toeplitz presets/);
  await assert.rejects(run(runHash, ['--preset', 'nic-rss-toeplitz', '--seed', '1', ...flow]), /no per-boot seed/);
  await assert.rejects(run(runHash, ['--preset', 'custom', ...flow]), /needs a Toeplitz key/);
  await assert.rejects(run(runHash, ['--preset', 'windows-pv-8.1', '--src', '10.0.0.1', '--dst', '10.0.0.2:1']), UsageError);
  await assert.rejects(run(runHash, ['--preset', 'windows-pv-8.1', '--queues', '0', ...flow]), UsageError);
  await assert.rejects(run(runHash, ['--preset', 'windows-pv-8.1', '--bogus', ...flow]), UsageError);
  await assert.rejects(run(runHash, ['--preset', 'windows-pv-8.1', '--proto', 'sctp', ...flow]), UsageError);
  assert.match((await run(runHash, ['--help'])).out, /usage: queue-lens hash/);
});

test('plan: prints balanced ports and the iperf3/iperf 2 commands', async () => {
  const r = await run(runPlan, ['--preset', 'windows-pv-8.1', '--src', '10.0.0.1', '--dst', '10.0.0.2:5001', '--flows', '8', '--queues', '5', '--ports', '40000-40100']);
  assert.equal(r.code, 0);
  const m = /--cport (\d+) -P 8/.exec(r.out);
  assert.ok(m, r.out);
  // Re-hash the advertised window through the hash command.
  const start = Number(m[1]);
  const queues: number[] = [];
  for (let p = start; p < start + 8; p++) {
    const h = await run(runHash, ['--preset', 'windows-pv-8.1', '--queues', '5', '--src', `10.0.0.1:${p}`, '--dst', '10.0.0.2:5001']);
    queues.push(Number(/queue=(\d+)/.exec(h.out)?.[1]));
  }
  const loads = [0, 1, 2, 3, 4].map((q) => queues.filter((x) => x === q).length);
  assert.deepEqual(loads.sort(), [1, 1, 2, 2, 2]);
  assert.match(r.out, /iperf -c 10\.0\.0\.2 -p 5001 -B 10\.0\.0\.1:\d+ &/);
  assert.match(r.out, /\n {2}wait\n/);
});

test('plan: no solution exits 2; models and missing --src are usage errors', async () => {
  const r = await run(runPlan, ['--preset', 'nic-rss-toeplitz', '--src', '10.0.0.1', '--dst', '10.0.0.2:5001', '--flows', '8', '--queues', '4', '--ports', '40000-40005']);
  assert.equal(r.code, 2);
  assert.match(r.out, /no balanced set/);
  await assert.rejects(run(runPlan, ['--preset', 'linux-netfront', '--src', '10.0.0.1', '--dst', '10.0.0.2:5001', '--flows', '8', '--queues', '4']), /model/);
  await assert.rejects(run(runPlan, ['--preset', 'nic-rss-toeplitz', '--dst', '10.0.0.2:5001', '--flows', '8', '--queues', '4']), /--src/);
  await assert.rejects(run(runPlan, ['--preset', 'nic-rss-toeplitz', '--src', '10.0.0.1', '--dst', '10.0.0.2:5001', '--flows', '8']), /--queues/);
  await assert.rejects(run(runPlan, ['--preset', 'nic-rss-toeplitz', '--src', '10.0.0.1', '--dst', '10.0.0.2:5001', '--flows', '8', '--queues', '4', '--ports', '9-2']), /--ports/);
});
