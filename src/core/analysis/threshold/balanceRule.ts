// A run's measured per-queue load judged by a (max − min)/min rule (LISA's 30 %), next to how often a fair hash of
// the same streams over the same queues breaks it: the one sentence `queue-lens observed` prints.
import { uniformWeights } from '../odds/weights';
import { threshold } from './threshold';

const LISA_MAX_SPREAD = 0.3;

export interface BalanceRuleCheck {
  maxSpread: number;
  /** (max − min) / min of the measured per-queue load; Infinity when a queue carried nothing (measured). */
  measured: number;
  fails: boolean;
  /** P(a fair hash of `streams` over `queues` breaks the rule), exact (modelled). */
  pFail: number;
}

export function balanceRuleCheck(queueLoads: readonly number[], streams: number, maxSpread = LISA_MAX_SPREAD): BalanceRuleCheck | undefined {
  const n = queueLoads.length;
  if (n < 2 || streams < 1) return undefined;
  const min = Math.min(...queueLoads);
  const max = Math.max(...queueLoads);
  const measured = min > 0 ? (max - min) / min : Infinity;
  const pFail = threshold(streams, uniformWeights(n), maxSpread, { searchK: false }).pFail;
  return { maxSpread, measured, fails: measured > maxSpread, pFail };
}

export function balanceRuleSentence(c: BalanceRuleCheck, streams: number, queues: number): string {
  const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;
  return `balance rule (max − min)/min > ${pct(c.maxSpread)} (LISA's): ${c.measured === Infinity ? 'a queue carried nothing' : `${pct(c.measured)} on bytes`} ` +
    `(measured) — ${c.fails ? 'fails' : 'passes'}; a fair hash of ${streams} streams over ${queues} queues fails it with probability ` +
    `${c.pFail.toPrecision(4)} (modelled, exact; queue-lens threshold).`;
}
