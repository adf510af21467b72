// A preset that fails at some n (a table naming queues beyond n) gives that n's error; the other n's are computed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isFailedRow, queueSpread, SpreadAtN, SpreadFlow } from '../../../src/core/analysis/spread/queueSpread';
import { analyseCaptures } from '../../../src/core/flows';
import { spreadCsv } from '../../../src/core/export/csv';
import { htmlReport } from '../../../src/core/export/htmlReport';
import { parseTableText } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

// NXP enetc's published `ethtool -x`: 64 entries over 2 rings (0 1 0 1 …), so n = 1 cannot hold it.
const enetc = parseTableText(fs.readFileSync(path.join(fixturesDir, 'rss-public', 'ethtool-x-enetc-eno0.txt'), 'utf8'));

async function captureFlows(): Promise<SpreadFlow[]> {
  const report = await analyseCaptures([path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng')]);
  return report.flows.filter((f) => f.proto === 'tcp').map((f) => ({
    tuple: { proto: 'tcp' as const, src: f.a, dst: f.b }, bytes: f.aToB.bytes + f.bToA.bytes,
  }));
}

test('nic-rss-toeplitz with a 2-ring table: n = 1 is an error row, n = 2..8 are computed and never leave queues 0..1', async () => {
  const flows = await captureFlows();
  assert.ok(flows.length >= 8, `the capture holds the 8 iperf streams (got ${flows.length} TCP flows)`);
  const s = queueSpread(flows, 'nic-rss-toeplitz', 8, { table: enetc.table });
  assert.equal(s.rows.length, 8);
  const first = s.rows[0];
  assert.ok(isFailedRow(first));
  assert.equal(first.n, 1);
  assert.match(first.error, /table entry 1 is not a queue of 0\.\.0/);
  const ok = s.rows.slice(1) as SpreadAtN[];
  for (const r of ok) {
    assert.ok(!isFailedRow(r), `n = ${r.n} is computed`);
    assert.equal(r.loads!.length, r.n);
    assert.equal(r.loads!.slice(2).reduce((a, b) => a + b, 0), 0, `n = ${r.n}: the table names only queues 0 and 1`);
    // the table does not depend on n, so neither does any flow's queue
    assert.deepEqual(r.assignments, ok[0].assignments);
  }
  assert.equal(ok[0].pSlowerThanPrevious, undefined, 'n = 2 has no n − 1 to compare with');
  assert.equal(typeof ok[1].pSlowerThanPrevious, 'number', 'n = 3 compares with n = 2');
  assert.equal(s.exact, true, 'the computed rows are exact');
});

test('exports name the failed n: CSV odds row and HTML table', async () => {
  const flows = await captureFlows();
  const spread = queueSpread(flows, 'nic-rss-toeplitz', 3, { table: enetc.table });
  const { odds, queues } = spreadCsv({ title: 't', flows, spread, problems: [] });
  const lines = odds.split('\r\n');
  assert.match(lines[0], /,error$/);
  assert.match(lines[1], /^1,,,,,,,,table entry 1 is not a queue of 0\.\.0$/);
  assert.match(lines[2], /^2,\d+ \d+,/);
  assert.match(queues.split('\r\n')[1], /,1,,$/, 'no queue at n = 1');
  const html = htmlReport({ model: { name: 't', spread: { title: 't', flows, spread, problems: [] } }, images: [], generated: '2026-12-07' });
  assert.ok(html.includes('<td>error: table entry 1 is not a queue of 0..0</td>'));
});

test('queue-lens spread --capture: the per-n error in text and JSON; JSON equals core on the same flows', async () => {
  const capture = path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng');
  const table = path.join(fixturesDir, 'rss-public', 'ethtool-x-enetc-eno0.txt');
  const args = ['spread', '--capture', capture, '--preset', 'nic-rss-toeplitz', '--table', table, '--queues', '4'];
  const text = await runCli(args);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /8 data flows \(each ≥ 1 % of the capture's bytes\); 2 smaller flows left out/);
  assert.match(text.out, /^n=1 {2}error: table entry 1 is not a queue of 0\.\.0$/m);
  assert.match(text.out, /^n=2 {2}flows per queue \d+ \/ \d+ /m);
  const json = await runCli([...args, '--json']);
  assert.equal(json.code, 0, json.err);
  const got = JSON.parse(json.out) as { flows: SpreadFlow[]; note: string; spread: unknown };
  // the 8 iperf streams (41000..41007 → 5201), not the control connection: it carries under 1 % of the bytes
  assert.deepEqual(got.flows.map((f) => `${f.tuple.src.port}>${f.tuple.dst.port}`), Array.from({ length: 8 }, (_, i) => `${41000 + i}>5201`));
  // the table file's key is used, as the editor's queueLens.indirectionTable does
  assert.deepEqual(got.spread, JSON.parse(JSON.stringify(queueSpread(got.flows, 'nic-rss-toeplitz', 4, { table: enetc.table, key: enetc.key }, 'A'))));
});
