// A capture report with its run's measured queues and the preset's fit (measured-queues' 5-queue run): measured
// first, the misfit as a warning, the model column marked where the counters rule a queue out; the path heads it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { observeRun } from '../../../src/core/analysis/observed/observeRun';
import { runPresetFit } from '../../../src/core/analysis/observed/presetFit';
import { escapeHtml, htmlReport } from '../../../src/core/export/htmlReport';
import { jsonExport } from '../../../src/core/export/json';
import { fixturesDir } from '../../helpers/paths';

const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');

test('the report of a capture with counters beside it: measured queues, the preset’s misfit, its queues as the model’s', async () => {
  const o = await observeRun({}, RUN);
  const presetFit = runPresetFit(o, 'windows-pv-8.1');
  assert.ok(presetFit && !presetFit.fits);
  const source = 'measured-queues/q5-k8-t1/capture.pcap';
  const html = htmlReport({ model: { name: 'capture.pcap', source, observed: { ...o, presetFit } }, images: [], generated: 'now' });
  assert.ok(html.includes(`<p class="muted">Queue Lens report of ${escapeHtml(source)}, now</p>`));
  assert.ok(html.includes(`<p>Measured: 4 of 5 queues busy (tc-qdisc, tx).</p>`));
  assert.ok(html.includes(`<p class="warning">${escapeHtml(presetFit.text)}</p>`));
  // one row per stream: its test and 4-tuple, port, wire bytes, measured queue, the preset's queue (marked where ruled out)
  for (const s of o.streams) {
    const m = presetFit.streams.find((x) => x.key === s.key)!;
    const row = `<tr><td>${escapeHtml(s.key)}</td><td>${s.localPort}</td><td>${s.bytes}</td><td>q${s.queue}</td><td>q${m.queue}${m.allowed ? '' : ' (ruled out by the counters)'}</td></tr>`;
    assert.ok(html.includes(row), row);
  }
  assert.ok(html.indexOf('Measured queues') < html.indexOf(escapeHtml(presetFit.text)), 'measured first');
  const json = JSON.parse(jsonExport({ name: 'capture.pcap', source, observed: { ...o, presetFit } })) as { source: string; observed: { presetFit: unknown; busyQueues: number } };
  assert.equal(json.source, source);
  assert.deepEqual(json.observed.presetFit, presetFit);
  assert.equal(json.observed.busyQueues, 4);
});

test('a hostile path heading the report is text', () => {
  const html = htmlReport({ model: { name: 'x.pcap', source: 'dir/<script>alert(1)</script>.pcap' }, images: [], generated: 'now' });
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('dir/&#60;script&#62;alert(1)&#60;/script&#62;.pcap'));
});
