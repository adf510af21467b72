import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { flowsCsv, spreadCsv, toCsv } from '../../../src/core/export/csv';
import { htmlReport } from '../../../src/core/export/htmlReport';
import type { CaptureView, SpreadView } from '../../../src/shared/protocol';

const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'&';

const capture: CaptureView = {
  fileName: `evil${hostile}.pcapng`, format: 'pcapng', linkTypes: [1], linkTypeNames: ['Ethernet (1)'], packets: 2, bytes: 200,
  start: 1_700_000_000, duration: 0.5, binMs: 100, timeline: { packets: [1, 1], bytes: [100, 100] },
  flows: [{ proto: 'tcp', a: { ip: '10.0.0.1', port: 40000 }, b: { ip: '10.0.0.2', port: 5001 }, aToB: { packets: 1, bytes: 100 }, bToA: { packets: 1, bytes: 100 }, start: 0, duration: 0.5, spark: '▁█' }],
  warnings: [hostile], comments: [hostile], interfaces: [{ name: hostile, linkType: 1 }], series: [],
};
const spread: SpreadView = {
  title: 't', preset: 'windows-pv-8.1', presetTitle: 'Windows PV 8.1', exact: true, deterministic: true, model: 'B',
  flows: ['tcp 10.0.0.1:40000 → 10.0.0.2:5001'], problems: [],
  rows: [{ n: 1, queues: [0], hashes: [0xab], loads: [1], pBalanced: 1, expectedMax: 1, expectedThroughput: 1 },
    { n: 2, queues: [1], hashes: [0xab], loads: [0, 1], pBalanced: 0.5, expectedMax: 1, pSlowerThanPrevious: 0, expectedThroughput: 1 }],
};

test('the HTML report escapes every string from the capture and embeds only PNG data URLs', () => {
  const html = htmlReport({
    capture, spread, generated: 'now',
    images: [{ title: hostile, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }, { title: 'x', dataUrl: 'javascript:alert(1)' }],
  });
  assert.ok(!html.includes('<script>'), 'no script element');
  assert.ok(!html.includes('<img src=x'), 'hostile markup is text');
  assert.ok(html.includes('&#60;script&#62;alert(2)&#60;/script&#62;'));
  assert.equal((html.match(/<img /g) ?? []).length, 1, 'one image: the PNG; the javascript: URL is dropped');
  assert.ok(!/https?:\/\//.test(html), 'no external resources');
  assert.match(html, /default-src 'none'/);
  assert.match(html, /<td>q1<\/td>/, 'the queue matrix is in the report');
});

test('CSV quotes separators and quotes, and defuses spreadsheet formulas', () => {
  assert.equal(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=1+1', -3]]), 'a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,-3\r\n');
  const flows = flowsCsv(capture).split('\r\n');
  assert.equal(flows[0], 'proto,a_ip,a_port,b_ip,b_port,a_to_b_packets,a_to_b_bytes,b_to_a_packets,b_to_a_bytes,start_s,duration_s');
  assert.equal(flows[1], 'tcp,10.0.0.1,40000,10.0.0.2,5001,1,100,1,100,0,0.5');
  const { queues, odds } = spreadCsv(spread);
  assert.equal(queues.split('\r\n')[2], 'tcp 10.0.0.1:40000 → 10.0.0.2:5001,2,1,0x000000ab');
  assert.equal(odds.split('\r\n')[2], '2,0 1,,,0.5,1,0,1');
});
