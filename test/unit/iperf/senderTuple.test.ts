// senderTuple on the recorded runs: for every stream of every client and server log, the tuple's source is the end
// that sent the data in the capture (tshark's conversation table in the case's reference.json, measured).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIperfLog, senderTuple } from '../../../src/core/iperf';
import { fixtureCases, fixturesDir } from '../../helpers/paths';

interface RefFlow { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number }; aToB: { bytes: number }; bToA: { bytes: number } }
const same = (x: { ip: string; port: number }, y: { ip: string; port: number }): boolean => x.ip === y.ip && x.port === y.port;

test('the tuple of each logged stream runs the way its data went on the wire (client and server logs, -R, UDP)', () => {
  let checked = 0;
  let reverse = 0;
  for (const name of fixtureCases()) {
    const dir = path.join(fixturesDir, name);
    const flows = (JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8')) as { flows: RefFlow[] }).flows;
    for (const logName of ['client.out', 'server.out']) {
      if (!fs.existsSync(path.join(dir, logName))) continue;
      for (const t of parseIperfLog(fs.readFileSync(path.join(dir, logName), 'utf8'), logName).tests) {
        for (const s of t.streams) {
          const tuple = senderTuple(s);
          if (!s.local || !s.remote) { assert.equal(tuple, undefined); continue; }
          assert.ok(tuple, `${name}/${logName} stream ${s.id}`);
          const f = flows.find((x) => x.proto === tuple.proto && ((same(x.a, tuple.src) && same(x.b, tuple.dst)) || (same(x.b, tuple.src) && same(x.a, tuple.dst))));
          if (!f) continue; // a stream the capture did not see (e.g. a re-encoded capture of one address family)
          const sentBytes = same(f.a, tuple.src) ? f.aToB.bytes : f.bToA.bytes;
          const backBytes = same(f.a, tuple.src) ? f.bToA.bytes : f.aToB.bytes;
          assert.ok(sentBytes > backBytes, `${name}/${logName} stream ${s.id}: ${sentBytes} bytes src→dst against ${backBytes} back`);
          checked++;
          if (!same(tuple.src, s.local)) reverse++;
        }
      }
    }
  }
  assert.ok(checked >= 16, `${checked} streams checked against their captures`);
  assert.ok(reverse > 0, 'some streams were received by the host that logged them (-R, server logs)');
});
