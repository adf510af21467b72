// Runs seeded simulations through `observedSpread` and sums the checker's verdicts (the unit test and the script).
import { observedSpread } from '../../src/core/analysis/observed/assign';
import { check, simulate, SimOptions, SimRun } from './observedSim';

export interface SimFigures {
  runs: number;
  streams: number;
  stated: number;
  open: number;
  /** Mean candidates of a stream left open. */
  meanOpenCandidates: number;
  loadsStated: number;
  queues: number;
  /** Runs whose search stopped at its budget. */
  stopped: number;
  /** Runs where no assignment fit (the truth always fits, so this must be 0). */
  noFit: number;
  wrong: string[];
  bySource: Record<string, { runs: number; streams: number; stated: number }>;
}

export function answerOf(run: SimRun, maxSteps?: number) {
  return observedSpread(run.truth.map((_, i) => ({ localPort: run.localPorts[i], key: run.keys[i], bytes: run.reported[i] })), run.queueBytes, {
    bytesSource: run.source === 'capture' ? 'capture' : 'log',
    logTotals: run.source === 'log-sender' ? 'sender' : 'receiver',
    ...(run.slackBytes !== undefined ? { slackBytes: run.slackBytes } : {}),
    ...(maxSteps !== undefined ? { maxSteps } : {}),
  });
}

export function runSims(firstSeed: number, count: number, o: SimOptions): SimFigures {
  const f: SimFigures = { runs: 0, streams: 0, stated: 0, open: 0, meanOpenCandidates: 0, loadsStated: 0, queues: 0, stopped: 0, noFit: 0, wrong: [], bySource: {} };
  let openCandidates = 0;
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const run = simulate(seed, o);
    const a = answerOf(run);
    const v = check(run, a);
    f.runs++;
    f.streams += run.k;
    f.stated += v.stated;
    f.open += v.open;
    openCandidates += v.openCandidates;
    f.queues += run.n;
    f.loadsStated += a.streamsPerQueue.filter((c) => c !== null).length;
    if (!a.exhaustive) f.stopped++;
    if (a.solutions === 0) f.noFit++;
    f.wrong.push(...v.wrong);
    const b = (f.bySource[`${run.source}${run.server ? ' (server log)' : ''}`] ??= { runs: 0, streams: 0, stated: 0 });
    b.runs++; b.streams += run.k; b.stated += v.stated;
  }
  f.meanOpenCandidates = f.open > 0 ? openCandidates / f.open : 0;
  return f;
}
