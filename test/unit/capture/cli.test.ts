// queue-lens flows: exact --json shape, exit codes 0/1/2, messages on stderr.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runFlows } from '../../../src/cli/flowsCommand';
import { main } from '../../../src/cli/main';
import { fixtureCases, fixturesDir } from '../../helpers/paths';

function io() {
  const o = { out: '', err: '' };
  return { o, io: { out: (t: string) => { o.out += t; }, err: (t: string) => { o.err += t; } } };
}

describe('queue-lens flows', () => {
  const vxlan = path.join(fixturesDir, fixtureCases().find((c) => c.includes('vxlan'))!, 'capture-vxlan.pcap');
  it('--json prints exactly the issue shape', async () => {
    const { o, io: cio } = io();
    assert.equal(await runFlows([vxlan, '--json', '--bin', '50'], cio), 0);
    const j = JSON.parse(o.out) as Record<string, unknown> & { flows: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(j), ['file', 'format', 'linkTypes', 'packets', 'bytes', 'start', 'duration', 'flows', 'warnings']);
    assert.deepEqual(Object.keys(j.flows[0]), ['proto', 'a', 'b', 'aToB', 'bToA', 'start', 'duration']);
    const t = j.flows.find((f) => f.tunnel)!;
    assert.deepEqual(Object.keys(t.tunnel as object), ['proto', 'a', 'b']);
    assert.equal(o.err, '');
  });
  it('text table by default, through main', async () => {
    const { o, io: cio } = io();
    assert.equal(await main(['flows', vxlan], cio), 0);
    assert.match(o.out, /^capture-vxlan.pcap: pcap, Ethernet \(1\)/);
    assert.match(o.out, /vxlan 42 via/);
  });
  it('exit 2 with the message on stderr for a format error; 0 with a warning for a cut-short file', async () => {
    const { o, io: cio } = io();
    assert.equal(await runFlows([path.join(fixturesDir, 'bad', 'not-a-capture.pcap')], cio), 2);
    assert.equal(o.out, '');
    assert.match(o.err, /not-a-capture.pcap: not a pcap or pcapng capture .*offset 0/);
    const cut = io();
    assert.equal(await runFlows([path.join(fixturesDir, 'bad', 'truncated-mid-record.pcap'), '--json'], cut.io), 0);
    assert.match((JSON.parse(cut.o.out) as { warnings: string[] }).warnings[0], /cut short in the middle of a packet/);
  });
  it('usage errors exit 1', async () => {
    for (const argv of [['flows'], ['flows', 'x', '--bin', '0'], ['flows', 'x', '--nope']]) {
      const { o, io: cio } = io();
      assert.equal(await main(argv, cio), 1, argv.join(' '));
      assert.notEqual(o.err, '');
    }
  });
});
