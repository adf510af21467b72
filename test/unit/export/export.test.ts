import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { isFailedRow, queueSpread, SpreadAtN, SpreadRow } from '../../../src/core/analysis/spread/queueSpread';
import { analyseCaptures, FlowReport } from '../../../src/core/flows';
import { flowsCsv, spreadCsv, toCsv } from '../../../src/core/export/csv';
import { htmlReport } from '../../../src/core/export/htmlReport';
import { jsonExport } from '../../../src/core/export/json';
import type { SpreadResult } from '../../../src/core/export/model';
import { fixturesDir } from '../../helpers/paths';

function computedRow(row: SpreadRow): SpreadAtN {
  assert.ok(!isFailedRow(row), `n = ${row.n} failed`);
  return row;
}

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'&';

const capture: FlowReport = {
  file: `evil${hostile}.pcapng`, format: 'pcapng', linkTypes: [1], packets: 2, bytes: 200,
  start: 1_700_000_000, duration: 0.5, binMs: 100, timeline: { packets: [1, 1], bytes: [100, 100] },
  flows: [{
    proto: 'tcp', a: { ip: '10.0.0.1', port: 40000 }, b: { ip: '10.0.0.2', port: 5001 }, aToB: { packets: 1, bytes: 100 }, bToA: { packets: 1, bytes: 100 },
    start: 0, duration: 0.5, series: { aToB: [100, 0], bToA: [0, 100] },
  }],
  warnings: [hostile], comments: [hostile], interfaces: [{ name: hostile, linkType: 1, tsresol: 1e-6 }],
};
const flows = [{ tuple: { proto: 'tcp' as const, src: { ip: '10.0.0.1', port: 40000 }, dst: { ip: '10.0.0.2', port: 5001 } } }];
const spread: SpreadResult = { title: 't', flows, spread: queueSpread(flows, 'windows-pv-8.1', 2, {}, 'B'), problems: [] };

test('the HTML report escapes every string from the capture and embeds only PNG data URLs', () => {
  const html = htmlReport({
    model: { name: capture.file, capture, spread }, generated: 'now',
    images: [{ title: hostile, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }, { title: 'x', dataUrl: 'javascript:alert(1)' }],
  });
  assert.ok(!html.includes('<script>'), 'no script element');
  assert.ok(!html.includes('<img src=x'), 'hostile markup is text');
  assert.ok(html.includes('&#60;script&#62;alert(2)&#60;/script&#62;'));
  assert.equal((html.match(/<img /g) ?? []).length, 1, 'one image: the PNG; the javascript: URL is dropped');
  assert.ok(!/https?:\/\//.test(html), 'no external resources');
  assert.match(html, /default-src 'none'/);
  const q = computedRow(spread.spread.rows[1]).assignments?.[0].queue;
  assert.ok(q !== undefined, 'windows-pv-8.1 is exact');
  assert.match(html, new RegExp(`<td>q${q}</td>`), 'the queue matrix is in the report');
});

test('CSV quotes separators and quotes, and defuses spreadsheet formulas', () => {
  assert.equal(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=1+1', -3]]), 'a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,-3\r\n');
  const lines = flowsCsv(capture).split('\r\n');
  assert.equal(lines[0], 'proto,a_ip,a_port,b_ip,b_port,a_to_b_packets,a_to_b_bytes,b_to_a_packets,b_to_a_bytes,start_s,duration_s');
  assert.equal(lines[1], 'tcp,10.0.0.1,40000,10.0.0.2,5001,1,100,1,100,0,0.5');
  const { queues, odds } = spreadCsv(spread);
  const row2 = computedRow(spread.spread.rows[1]);
  const a = row2.assignments![0];
  assert.equal(queues.split('\r\n')[2], `tcp 10.0.0.1:40000 → 10.0.0.2:5001,2,${a.queue},0x${a.hash.toString(16).padStart(8, '0')}`);
  assert.equal(odds.split('\r\n')[2].split(',').slice(0, 2).join(','), `2,${row2.loads!.join(' ')}`);
});

test('exports of a real capture: one CSV row per flow, IPv6 endpoints in brackets, JSON in the CLI’s flows shape', async () => {
  const report = await analyseCaptures([path.join(fixturesDir, 'iperf3-tcp8-vxlan', 'capture-vxlan.pcap')]);
  const rows = flowsCsv(report).trim().split('\r\n');
  assert.equal(rows.length, report.flows.length + 1);
  const json = JSON.parse(jsonExport({ name: 'capture-vxlan.pcap', capture: report })) as { capture: { packets: number; flows: { tunnel?: unknown }[] } };
  assert.equal(json.capture.packets, report.packets);
  assert.equal(json.capture.flows.filter((f) => f.tunnel).length, report.flows.filter((f) => f.tunnel).length, 'tunnel fields survive the export');
  const v6 = [{ tuple: { proto: 'udp' as const, src: { ip: 'fd00::1', port: 42000 }, dst: { ip: 'fd00::2', port: 5201 } } }];
  const { queues } = spreadCsv({ title: 'v6', flows: v6, spread: queueSpread(v6, 'nic-rss-toeplitz', 1), problems: [] });
  assert.match(queues, /^udp \[fd00::1\]:42000 → \[fd00::2\]:5201,1,0,0x[0-9a-f]{8}\r$/m);
});
