// Public captures (tcpdump's test files) through every encapsulation and link type we read: flow tables equal the
// reference each file's make-reference.mjs derived from tshark's own dissection, and what we cannot read is named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseCaptures, FlowJson, FlowReport } from '../../../src/core/capture';
import { fixturesDir } from '../../helpers/paths';

const dir = path.join(fixturesDir, 'public-captures');
interface Reference { file: string; format: string; packets: number; bytes: number; flows: FlowJson[] }

const key = (f: { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number } }): string =>
  `${f.proto} ${f.a.ip}:${f.a.port} > ${f.b.ip}:${f.b.port}`;

function assertFlowsEqual(ours: FlowReport, ref: Reference): void {
  assert.equal(ours.format, ref.format);
  assert.equal(ours.packets, ref.packets, 'packets');
  assert.equal(ours.bytes, ref.bytes, 'bytes');
  const byKey = new Map(ours.flows.map((f) => [key(f), f]));
  assert.deepEqual([...byKey.keys()].sort(), ref.flows.map(key).sort(), 'same flows, same A side');
  for (const r of ref.flows) {
    const o = byKey.get(key(r))!;
    assert.deepEqual({ aToB: o.aToB, bToA: o.bToA }, { aToB: r.aToB, bToA: r.bToA }, key(r));
    assert.ok(Math.abs(o.start - r.start) <= 1e-6, `${key(r)} start ${o.start} vs ${r.start}`);
    assert.ok(Math.abs(o.duration - r.duration) <= 1e-6, `${key(r)} duration ${o.duration} vs ${r.duration}`);
  }
}

const refs = fs.readdirSync(dir).filter((f) => f.endsWith('.reference.json')).sort();

const read = (name: string): Promise<FlowReport> => analyseCaptures([path.join(dir, name)]);

describe('public captures equal tshark', () => {
  it('there are references to compare with', () => assert.ok(refs.length >= 20, `${refs.length} references`));
  for (const r of refs) {
    const ref = JSON.parse(fs.readFileSync(path.join(dir, r), 'utf8')) as Reference;
    it(ref.file, async () => {
      assertFlowsEqual(await read(ref.file), ref);
      // Records that cross every chunk boundary give the same table.
      assert.deepEqual(await analyseCaptures([path.join(dir, ref.file)], { chunkSize: 97 }), await read(ref.file));
    });
  }
});
