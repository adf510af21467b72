// Every iperf log of test/fixtures against the streams its reference.json read from it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseIperfLog, toIperfCliJson } from '../../../src/core/iperf';
import { fixtureCases, fixturesDir } from '../../helpers/paths';

interface RefStream {
  id: number;
  local: { ip: string; port: number };
  remote: { ip: string; port: number };
  bytes: number;
  bitsPerSecond: number;
}
interface RefIperf {
  file: string;
  tool: string;
  format: string;
  streams: RefStream[];
}

const cases = fixtureCases()
  .map((name) => ({ name, ref: (JSON.parse(fs.readFileSync(path.join(fixturesDir, name, 'reference.json'), 'utf8')) as { iperf?: RefIperf }).iperf }))
  .filter((c): c is { name: string; ref: RefIperf } => c.ref !== undefined);

describe('shared fixtures: iperf logs match reference.json', () => {
  it('has cases to check', () => assert.ok(cases.length >= 5));

  for (const { name, ref } of cases) {
    it(`${name}/${ref.file}`, () => {
      const file = path.join(fixturesDir, name, ref.file);
      const log = parseIperfLog(fs.readFileSync(file, 'utf8'), file);
      assert.equal(log.tool, ref.tool);
      assert.equal(log.format, ref.format);
      assert.equal(log.unknownLines, 0);
      assert.equal(log.truncated, false);
      assert.equal(log.tests.length, 1);
      const cli = toIperfCliJson(log);
      const got = cli.tests[0].streams.map((s) => ({ id: s.id, local: s.local, remote: s.remote, bytes: s.bytes, bitsPerSecond: s.bitsPerSecond }));
      const want = [...ref.streams].sort((a, b) => a.id - b.id);
      assert.deepEqual(got, want);
      // every stream points at its connect line
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (const s of log.tests[0].streams) {
        assert.ok(s.connectLine !== undefined, `stream ${s.id} has a connect line`);
        if (log.format === 'text') assert.match(lines[s.connectLine], new RegExp(`port ${s.local?.port} connected`));
      }
      // the sum is the log's own when it prints one, else the streams added up
      const sum = cli.tests[0].sum;
      assert.ok(Math.abs(sum.bytes - want.reduce((a, s) => a + s.bytes, 0)) <= want.length * 0.05 * 1048576);
    });

    it(`${name}/server.out is the other end of the same streams`, () => {
      const file = path.join(fixturesDir, name, 'server.out');
      if (!fs.existsSync(file)) return;
      const client = parseIperfLog(fs.readFileSync(path.join(fixturesDir, name, ref.file), 'utf8'));
      const server = parseIperfLog(fs.readFileSync(file, 'utf8'), file);
      assert.equal(server.tool, ref.tool);
      assert.equal(server.format, ref.format);
      assert.equal(server.unknownLines, 0);
      assert.equal(server.tests.length, 1);
      const t = server.tests[0];
      assert.equal(t.streams.length, ref.streams.length);
      const clientPorts = client.tests[0].streams.map((s) => s.local?.port).sort();
      if (server.format === 'csv') {
        // CSV names the sender first whichever end wrote it
        assert.deepEqual(t.streams.map((s) => s.local?.port).sort(), clientPorts);
      } else {
        assert.equal(t.side, 'server');
        assert.deepEqual(t.streams.map((s) => s.remote?.port).sort(), clientPorts);
        for (const s of t.streams) assert.ok(s.totals, `server stream ${s.id} has its final summary`);
      }
    });
  }
});

describe('shared fixtures: txqueues iperf3 logs', () => {
  const dir = path.join(fixturesDir, 'txqueues', 'logs');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  for (const f of files) {
    it(f, () => {
      const log = parseIperfLog(fs.readFileSync(path.join(dir, f), 'utf8'), f);
      assert.equal(log.tool, 'iperf3');
      assert.equal(log.unknownLines, 0);
      const ports = log.tests.flatMap((t) => t.streams.map((s) => s.local?.port));
      assert.deepEqual(ports, [40000, 40001, 40002, 40003, 40004, 40005, 40006, 40007]);
    });
  }
});
