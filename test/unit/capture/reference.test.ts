// Our flow table equals tshark's dissection on every shared fixture case, and tshark's own -z conv tables.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseCaptures, FlowJson, FlowReport } from '../../../src/core/flows';
import { fixtureCases, fixturesDir } from '../../helpers/paths';

interface RefFlow extends Omit<FlowJson, 'tunnel'> { tunnel?: unknown }
interface Reference { file: string; format: string; packets: number; bytes: number; flows: RefFlow[] }

const key = (f: { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number } }): string =>
  `${f.proto} ${f.a.ip}:${f.a.port} > ${f.b.ip}:${f.b.port}`;

function assertFlowsEqual(ours: FlowReport, ref: Reference): void {
  assert.equal(ours.format, ref.format);
  assert.equal(ours.packets, ref.packets);
  assert.equal(ours.bytes, ref.bytes);
  const byKey = new Map(ours.flows.map((f) => [key(f), f]));
  assert.deepEqual([...byKey.keys()].sort(), ref.flows.map(key).sort(), 'same flows, same A side');
  for (const r of ref.flows) {
    const o = byKey.get(key(r))!;
    assert.deepEqual({ aToB: o.aToB, bToA: o.bToA }, { aToB: r.aToB, bToA: r.bToA }, key(r));
    assert.ok(Math.abs(o.start - r.start) <= 1e-6, `${key(r)} start ${o.start} vs ${r.start}`);
    assert.ok(Math.abs(o.duration - r.duration) <= 1e-6, `${key(r)} duration ${o.duration} vs ${r.duration}`);
  }
}

/** Rows of tshark's `-z conv,tcp|udp` text: frames each way, relative start and duration. */
function parseConv(text: string): { left: string; right: string; toLeft: number; toRight: number; start: number; duration: number }[] {
  const rows = [];
  const re = /^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+\d+\s+\w+\s+(\d+)\s+\d+\s+\w+\s+\d+\s+\d+\s+\w+\s+([\d.]+)\s+([\d.]+)\s*$/;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m) rows.push({ left: m[1], right: m[2], toLeft: +m[3], toRight: +m[4], start: +m[5], duration: +m[6] });
  }
  return rows;
}

const ep = (e: { ip: string; port: number }): string => `${e.ip}:${e.port}`;

describe('flow table equals tshark on every shared fixture', () => {
  for (const c of fixtureCases()) {
    const dir = path.join(fixturesDir, c);
    const ref = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Reference;
    const file = path.join(dir, ref.file);

    it(`${c}: reference.json`, async () => {
      assertFlowsEqual(await analyseCaptures([file]), ref);
    });

    it(`${c}: tshark -z conv tables`, async () => {
      const ours = await analyseCaptures([file]);
      for (const proto of ['tcp', 'udp'] as const) {
        const convFile = path.join(dir, `tshark-conv-${proto}.txt`);
        if (!fs.existsSync(convFile)) continue;
        const rows = parseConv(fs.readFileSync(convFile, 'utf8'));
        const mine = ours.flows.filter((f) => f.proto === proto);
        assert.equal(mine.length, rows.length, `${proto} conversation count`);
        for (const row of rows) {
          const f = mine.find((x) => (ep(x.a) === row.left && ep(x.b) === row.right) || (ep(x.b) === row.left && ep(x.a) === row.right));
          assert.ok(f, `${proto} ${row.left} <-> ${row.right} present`);
          const leftIsA = ep(f.a) === row.left;
          assert.equal(leftIsA ? f.aToB.packets : f.bToA.packets, row.toRight, `${row.left} -> ${row.right} frames`);
          assert.equal(leftIsA ? f.bToA.packets : f.aToB.packets, row.toLeft, `${row.left} <- ${row.right} frames`);
          assert.ok(Math.abs(f.start - row.start) <= 1e-6, `start ${f.start} vs ${row.start}`);
          assert.ok(Math.abs(f.duration - row.duration) <= 5.01e-5, `duration ${f.duration} vs ${row.duration}`);
        }
      }
    });

    it(`${c}: tiny chunks (records cross every boundary) give the same table`, async () => {
      const whole = await analyseCaptures([file]);
      for (const chunkSize of [64, 333]) {
        const small = await analyseCaptures([file], { chunkSize });
        assert.deepEqual(small, whole, `chunk ${chunkSize}`);
      }
    });

    it(`${c}: series and timeline add up to the counts`, async () => {
      const r = await analyseCaptures([file], { binMs: 250 });
      const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
      assert.equal(sum(r.timeline.packets), r.packets);
      assert.equal(sum(r.timeline.bytes), r.bytes);
      assert.equal(r.binMs, 250);
      assert.equal(r.timeline.packets.length, Math.floor(r.duration / 0.25) + 1);
      for (const f of r.flows) {
        assert.equal(sum(f.series.aToB), f.aToB.bytes);
        assert.equal(sum(f.series.bToA), f.bToA.bytes);
        assert.equal(f.series.aToB.length, r.timeline.packets.length);
      }
    });
  }

  it('the VXLAN fixture links every inner TCP flow to the outer UDP flow of its first packet', async () => {
    const ref = fixtureCases().find((c) => c.includes('vxlan'));
    assert.ok(ref);
    const dir = path.join(fixturesDir, ref);
    const { file } = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8')) as Reference;
    const r = await analyseCaptures([path.join(dir, file)]);
    const tcp = r.flows.filter((f) => f.proto === 'tcp');
    assert.ok(tcp.length > 0);
    for (const f of tcp) {
      assert.ok(f.tunnel, key(f));
      assert.equal(f.tunnel.kind, 'vxlan');
      const outer = r.flows.find((o) => o.proto === 'udp' && ep(o.a) === ep(f.tunnel!.a) && ep(o.b) === ep(f.tunnel!.b));
      assert.ok(outer, 'outer flow is in the table');
      assert.equal(outer.aToB.packets, f.aToB.packets, 'the outer flow carried the inner A-to-B packets');
      assert.equal(outer.start, f.start);
    }
    assert.ok(r.flows.filter((f) => f.proto === 'udp').every((f) => !f.tunnel));
  });
});
