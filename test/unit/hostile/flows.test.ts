// Issue 12, finding 3 (flows without bound) and the CLI's text output above ~120 k flows (array spread into calls).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyseCaptures, toFlowsJson } from '../../../src/core/flows';
import { runFlows } from '../../../src/cli/flowsCommand';
import { flowEndpoint, writeManyFlowsPcap } from '../../fuzz/bombs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-flows-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const ip = (a: number): string => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

describe('one packet per flow', () => {
  const flows = 30_000;
  const big = 5;
  const bigPackets = 40;
  const file = path.join(dir, 'many.pcap');
  const packets = writeManyFlowsPcap(file, flows, big, bigPackets);

  it('without a cap every flow is its own row, in order of first packet', async () => {
    const r = await analyseCaptures([file], { maxFlows: 1e6 });
    assert.equal(r.packets, packets);
    assert.equal(r.flows.length, flows + big);
    assert.equal(r.otherFlows, undefined);
    const e = flowEndpoint(flows - 1);
    const lastOne = r.flows[r.flows.length - 1];
    assert.deepEqual([lastOne.a.ip, lastOne.a.port, lastOne.aToB.packets], [ip(e.src), e.sport, 1]);
  });

  it('with a cap the largest flows keep their exact counts and the rest add up to "other flows", named in a warning', async () => {
    const cap = 1000; // the table is pruned to the cap each time it reaches twice the cap while reading
    const r = await analyseCaptures([file], { maxFlows: cap });
    assert.equal(r.flows.length, cap);
    const bigs = r.flows.filter((f) => f.b.port === 5201);
    assert.equal(bigs.length, big);
    for (const f of bigs) assert.equal(f.aToB.packets, bigPackets);
    const kept = r.flows.reduce((n, f) => n + f.aToB.packets + f.bToA.packets, 0);
    assert.ok(r.otherFlows);
    assert.equal(kept + r.otherFlows.packets, packets, 'every packet is in a row or in "other flows"');
    assert.equal(r.otherFlows.flows, flows + big - cap);
    assert.equal(r.otherFlows.bytes, r.otherFlows.packets * 42);
    assert.ok(r.warnings.some((w) => w.startsWith(`${flows + big - cap} flows beyond the ${cap} with the most packets were added up into "other flows" (${r.otherFlows!.packets} packets`)), r.warnings.join('\n'));
    // The CLI's JSON carries the aggregate after the flows.
    const j = toFlowsJson(r);
    assert.deepEqual(Object.keys(j), ['file', 'format', 'linkTypes', 'packets', 'bytes', 'start', 'duration', 'flows', 'otherFlows', 'warnings']);
  });

  it('the series of a capped run still adds up to the timeline for the flows kept', async () => {
    const r = await analyseCaptures([file], { maxFlows: 1000, binMs: 1 });
    for (const f of r.flows.slice(0, 50)) {
      const sum = f.series.aToB.reduce((a, b) => a + b, 0) + f.series.bToA.reduce((a, b) => a + b, 0);
      assert.equal(sum, f.aToB.bytes + f.bToA.bytes);
    }
  });
});

describe('CLI text output of a huge flow table', () => {
  it('prints 150 000 flows (Math.max(...rows) used to overflow the stack above ~120 k)', async () => {
    const file = path.join(dir, 'cli-many.pcap');
    writeManyFlowsPcap(file, 150_000);
    let out = '';
    let err = '';
    const code = await runFlows([file, '--max-flows', '200000'], { out: (t) => { out += t; }, err: (t) => { err += t; } });
    assert.equal(code, 0, err);
    const lines = out.split('\n');
    assert.equal(lines.filter((l) => l.startsWith('udp ')).length, 150_000);
  });

  it('--max-flows adds the rest up in an "other flows" line; a bad value is a usage error', async () => {
    const file = path.join(dir, 'cli-few.pcap');
    writeManyFlowsPcap(file, 300);
    let out = '';
    assert.equal(await runFlows([file, '--max-flows', '100'], { out: (t) => { out += t; }, err: () => undefined }), 0);
    assert.match(out, /^other flows \(200 added up\): 200 packets, 8400 bytes$/m);
    assert.match(out, /^warning: 200 flows beyond the 100 with the most packets/m);
    await assert.rejects(runFlows([file, '--max-flows', '0'], { out: () => undefined, err: () => undefined }), /--max-flows wants a positive whole number/);
  });
});
