// Every `queue-lens` subcommand answers --help with its usage (exit 0); correlation with nothing in common exits 2 and says why.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const SUBCOMMANDS = ['spread', 'flows', 'hash', 'plan', 'iperf', 'sweep', 'correlate', 'counters', 'observed', 'compare', 'threshold', 'export', 'audit', 'config', 'record'];

describe('queue-lens <subcommand> --help', () => {
  for (const name of SUBCOMMANDS) {
    it(`${name} --help prints its usage and exits 0`, async () => {
      const r = await runCli([name, '--help']);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      assert.match(r.out, new RegExp(`usage: queue-lens ${name}\\b`));
      // more than the one usage line: what the command does
      assert.ok(r.out.trim().split('\n').length > 1, r.out);
      const short = await runCli([name, '-h']);
      assert.equal(short.code, 0);
      assert.equal(short.out, r.out);
    });
  }

  it('the top-level usage lists exactly these subcommands', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    const listed = [...r.out.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), [...SUBCOMMANDS].sort());
  });
});

describe('queue-lens correlate with a log of another run', () => {
  const capture = path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng');

  it('same hosts, other ports: exit 2, names the ports and the capture\'s time span', async () => {
    // the iperf 2 run between the same two hosts (ports 441xx → 5001), not captured in this pcapng
    const r = await runCli(['correlate', capture, path.join(fixturesDir, 'iperf2-tcp8-text', 'client.out')]);
    assert.equal(r.code, 2);
    assert.match(r.out, /0 streams matched, 8 unmatched streams/);
    assert.match(r.err, /no stream of client\.out matched a flow of capture\.pcapng: different ports: the addresses match \(10\.201\.0\.1, 10\.201\.0\.2\)/);
    assert.match(r.err, /5001/);
    assert.match(r.err, /The capture runs from 20\d\d-\d\d-\d\dT[\d:.]+Z for \d+\.\d s/);
  });

  it('other hosts: exit 2, lists both sides\' addresses; --json carries noMatch', async () => {
    const other = path.join(fixturesDir, 'public-iperf', 'mininet-iperf205-udp-client.txt');
    const r = await runCli(['correlate', capture, other, '--json']);
    assert.equal(r.code, 2);
    const j = JSON.parse(r.out) as { matched: unknown[]; noMatch?: string };
    assert.equal(j.matched.length, 0);
    assert.match(j.noMatch ?? '', /^different addresses: the log's streams are between .+, the capture's flows between .*10\.201\.0\.1/);
  });

  it('the log of this capture still exits 0 with no noMatch', async () => {
    const r = await runCli(['correlate', capture, path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { noMatch?: string }).noMatch, undefined);
  });
});
