import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseRunManifest, RUN_MANIFEST_FORMAT } from '../../../src/core/runs/manifest';

const ok = {
  format: RUN_MANIFEST_FORMAT, command: ['iperf3', '-c', '10.9.0.2', '-P', '8'], device: 'ql0', netns: 'ql-a', start: '2026-12-06T22:00:00Z',
  end: '2026-12-06T22:00:05Z', exitCode: 0, log: 'client.log', tools: { tc: 'tc utility, iproute2-6.1.0' },
  trace: { recorded: false, reason: 'not root' }, counters: [{ source: 'tc-qdisc', before: 'counters/qdisc-before.txt', after: 'counters/qdisc-after.txt' }],
  config: { 'ethtool -l': 'config/ethtool-l.txt' }, notRecorded: [{ what: 'ethtool -S', reason: 'veth has no per-queue counters' }],
};

test('a manifest is read with its fields', () => {
  const m = parseRunManifest(JSON.stringify(ok), 'run.json');
  assert.deepEqual(m.command, ok.command);
  assert.equal(m.trace.recorded, false);
});

test('a path leading out of the run folder is refused, naming the field', () => {
  for (const bad of ['../secret', '/etc/passwd', 'a/../../b']) {
    assert.throws(() => parseRunManifest(JSON.stringify({ ...ok, log: bad }), 'x/run.json'), /x\/run\.json: log must be a relative path inside the run folder/);
  }
  assert.throws(() => parseRunManifest(JSON.stringify({ ...ok, config: { a: '../b' } }), 'run.json'), /config\["a"\]/);
});

test('a trace that was not recorded must say why', () => {
  assert.throws(() => parseRunManifest(JSON.stringify({ ...ok, trace: { recorded: false } }), 'run.json'), /trace\.reason/);
  assert.throws(() => parseRunManifest('{"format":"x"}', 'run.json'), /not a Queue Lens run manifest/);
});
