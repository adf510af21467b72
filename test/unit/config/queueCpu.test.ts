// Queue → CPU on configurations read from fixtures: shared CPUs, busy CPUs, the CPU model, and dips explained.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeQueueCpus, explainStep } from '../../../src/core/analysis/queueCpu/queueCpu';
import { explainQueueConfig, loadConfigInputs } from '../../../src/core/config';
import { fixturesDir } from '../../helpers/paths';

const qc = (...f: string[]): string => path.join(fixturesDir, 'queue-config', ...f);
const config = (...inputs: string[]) => {
  const l = loadConfigInputs(inputs);
  return explainQueueConfig(l.pieces, { before: l.before.length ? l.before : undefined });
};

describe('queue → CPU', () => {
  it('dom0 netback: busy queues 0 and 2 shared CPU 1 (measured interrupts); 4 busy queues on 3 CPUs', () => {
    const a = analyzeQueueCpus(config(qc('dom0-netback')), [0, 1, 2, 3]);
    assert.deepEqual(a.sharedCpus, [{ cpu: 1, queues: [0, 2] }]);
    assert.deepEqual(a.busyCpus, [1, 2, 3]);
    assert.equal(a.cpuBasis, 'measured');
    assert.deepEqual(a.model, { byQueues: 4, byCpus: 3, basis: 'modelled' });
    assert.match(a.sentence, /^CPU 1 served busy queues 0 and 2 \(measured\): 4 busy queues on 3 CPUs/);
  });

  it('only queues 1 and 3 busy: each its own CPU', () => {
    const a = analyzeQueueCpus(config(qc('dom0-netback')), [1, 3]);
    assert.deepEqual(a.sharedCpus, []);
    assert.match(a.sentence, /^Each busy queue had its own CPU \(q1→CPU 2, q3→CPU 3; measured\)/);
  });

  it('XPS masks alone: configured, not measured', () => {
    const c = explainQueueConfig([{ kind: 'queue-masks', file: 'm', unknownLines: 0, device: 'vA', masks: [
      { dir: 'tx', queue: 0, file: 'xps_cpus', bits: [0] }, { dir: 'tx', queue: 1, file: 'xps_cpus', bits: [0] }, { dir: 'tx', queue: 2, file: 'xps_cpus', bits: [1] },
    ] }]);
    const a = analyzeQueueCpus(c, [0, 1]);
    assert.deepEqual(a.sharedCpus, [{ cpu: 0, queues: [0, 1] }]);
    assert.equal(a.cpuBasis, 'configured');
    assert.match(a.sentence, /CPU 0 served busy queues 0 and 1 \(configured .*\)/);
    assert.equal(a.tracedCpus, null);
  });

  it('XPS masks with a trace: the traced CPU comes first (measured, trace) and a contradicted mask is named', () => {
    const c = explainQueueConfig([{ kind: 'queue-masks', file: 'm', unknownLines: 0, device: 'vA', masks: [
      { dir: 'tx', queue: 0, file: 'xps_cpus', bits: [0] }, { dir: 'tx', queue: 1, file: 'xps_cpus', bits: [0] }, { dir: 'tx', queue: 2, file: 'xps_cpus', bits: [1] },
    ] }]);
    const traced = { source: 'trace' as const, file: 't', direction: 'tx' as const, queues: [{ queue: 0, cpus: [0], wireBytes: [10] }, { queue: 1, cpus: [1, 0], wireBytes: [9, 1] }] };
    const a = analyzeQueueCpus(c, [0, 1], traced);
    assert.deepEqual(a.queueCpu.map((q) => [q.queue, q.cpu, q.basis, q.configCpu, q.configBasis]), [[0, 0, 'trace', 0, 'xps'], [1, 1, 'trace', 0, 'xps']]);
    assert.deepEqual(a.sharedCpus, []);
    assert.equal(a.cpuBasis, 'measured');
    assert.deepEqual(a.tracedCpus, [0, 1]);
    assert.match(a.sentence, /^Each busy queue had its own CPU \(q0→CPU 0, q1→CPU 1; measured, trace\)\. .*The configuration said otherwise for q1 \(CPU 0, xps\)\.$/);
  });
});

describe('a sweep step explained', () => {
  const side = (n: number, q: number | null, c: number | null, m = true) => ({ n, busyQueues: q, busyCpus: c, queuesMeasured: m, cpusMeasured: m });
  it('fewer busy CPUs → cpus, even when the queues rose', () => {
    assert.deepEqual(explainStep(side(4, 4, 4), side(5, 5, 3)).cause, 'cpus');
  });
  it('fewer busy queues → queues, labelled measured or modelled', () => {
    const e = explainStep(side(4, 4, 4), side(5, 3, 3, true));
    assert.equal(e.cause, 'cpus'); // 3 CPUs < 4: CPUs come first
    const q = explainStep(side(4, 4, null), side(5, 3, null, false));
    assert.deepEqual([q.cause, q.basis], ['queues', 'modelled']);
  });
  it('queues folded onto fewer CPUs than queues → cpus; else neither', () => {
    assert.equal(explainStep(side(4, 4, 3), side(5, 5, 3)).cause, 'cpus');
    const n = explainStep(side(4, 4, 4), side(5, 5, 5));
    assert.deepEqual([n.cause, n.basis], ['neither', 'measured']);
  });
});
