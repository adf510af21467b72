// A real iperf3 server log (-R: the server sent the data; every stream's local port is 5201), its per-queue
// counters and per-port ground truth (test/fixtures/measured-server, made by make-server.sh).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { logStreams, observeRun } from '../../../src/core/analysis/observed/observeRun';
import { runPresetFit } from '../../../src/core/analysis/observed/presetFit';
import { compilePreset, parseFlow } from '../../../src/core/hashing';
import { parseIperfLog } from '../../../src/core/iperf';
import { measuredLines } from '../../../src/extension/iperf/measuredLines';
import { fixturesDir } from '../../helpers/paths';

const RUN = path.join(fixturesDir, 'measured-server', 'q4-k8-server');
const truth = JSON.parse(fs.readFileSync(path.join(RUN, 'truth.json'), 'utf8')) as { queues: number; portQueue: Record<string, number> };
/** The client's port: the remote end in the server's key "test 1: tcp 10.209.0.2:5201 → 10.209.0.1:42003". */
const clientPort = (key: string): string => /:(\d+)$/.exec(key)![1];

describe('observed on a real server log', () => {
  it('eight streams on local port 5201 stay eight streams, keyed by their 4-tuple; what is stated is the truth', async () => {
    const o = await observeRun({}, RUN);
    assert.equal(o.counters.direction, 'tx');
    assert.equal(o.streams.length, 8);
    assert.ok(o.streams.every((s) => s.localPort === 5201));
    assert.equal(new Set(o.streams.map((s) => s.key)).size, 8);
    for (const s of o.streams) {
      const t = truth.portQueue[clientPort(s.key)];
      assert.ok(s.candidates.includes(t), `${s.key}: truth q${t} among ${s.candidates.join(',')}`);
      if (s.queue !== null) assert.equal(s.queue, t, s.key);
      else assert.ok(s.why && s.candidates.length > 1, s.key);
    }
    o.streamsPerQueue.forEach((c, q) => {
      if (c !== null) assert.equal(c, Object.values(truth.portQueue).filter((x) => x === q).length, `q${q}`);
    });
    // the server's log (the sender here) is matched; its own totals are the sender's (data written, some never
    // sent), but the client's log beside it lends each stream its receiver total, so the receiver bound is stated
    assert.equal(o.log, path.join(RUN, 'server.log'));
    assert.equal(o.errorModel.low, 0.995);
  });

  it('an exactly fitting preset fits: no stream is "ruled out" by sharing port 5201 with the others', async () => {
    const o = await observeRun({}, RUN);
    const table = Array.from({ length: 128 }, (_, i) => i % truth.queues);
    const plain = compilePreset('nic-rss-toeplitz', truth.queues, { table });
    for (const s of o.streams) {
      const b = (plain.flowQueue!(parseFlow(s.flow!)).hash >>> 0) & 127;
      table[b] = truth.portQueue[clientPort(s.key)];
    }
    const fit = runPresetFit(o, 'nic-rss-toeplitz', { table })!;
    assert.equal(fit.fits, true, fit.reason);
    assert.ok(fit.streams.every((s) => s.allowed && s.key !== undefined && s.queue === truth.portQueue[clientPort(s.key)]));
  });

  it('a log of two tests gives each test its own streams (keys "test 1: …", "test 2: …"), matched together against counters around both', () => {
    const text = fs.readFileSync(path.join(RUN, 'server.log'), 'utf8');
    const twice = `${text}${text.replace('(test #1)', '(test #2)')}`;
    const log = parseIperfLog(twice, 'server.log');
    assert.equal(log.tests.length, 2);
    const ls = logStreams(log, 'server.log');
    assert.equal(ls.streams.length, 16);
    assert.deepEqual([...new Set(ls.streams.map((s) => s.key!.split(':')[0]))], ['test 1', 'test 2']);
    assert.equal(new Set(ls.streams.map((s) => s.key)).size, 16);
  });

  it('the measured annotations: each connect line of each test gets its own test\'s stream, never the first test\'s', async () => {
    const text = fs.readFileSync(path.join(RUN, 'server.log'), 'utf8');
    const lines = `${text}${text.replace('(test #1)', '(test #2)')}`.split('\n');
    const log = parseIperfLog(lines.join('\n'), 'server.log');
    const ls = logStreams(log, 'server.log');
    // a distinct answer per stream, so a mix-up shows
    const answers = ls.streams.map((s, i) => ({ key: s.key!, queue: i }));
    const byLine = measuredLines(log, answers);
    assert.equal(byLine.size, 16);
    for (const [line, a] of byLine) {
      const port = /connected to \S+ port (\d+)/.exec(lines[line])![1];
      const test = line < lines.length / 2 ? 'test 1' : 'test 2';
      assert.ok(a.key.startsWith(`${test}:`) && a.key.endsWith(`:${port}`), `line ${line + 1}: ${a.key}`);
    }
    // the real single-test log with its real counters: every connect line annotated, by its own stream
    const o = await observeRun({}, RUN);
    const one = measuredLines(parseIperfLog(text, 'server.log'), o.streams);
    assert.equal(one.size, 8);
    for (const [line, s] of one) assert.ok(s.key.endsWith(`:${/port (\d+)$/.exec(text.split('\n')[line])![1]}`));
  });
});
