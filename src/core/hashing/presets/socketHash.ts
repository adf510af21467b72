// Linux's random per-socket hash (sk_txhash), shared by linux-netfront and linux-tx: a model, or with a seed one
// reproducible draw by standing SipHash-2-4(seed, flow keys) in for the random value.
import { flowHashLinuxSiphash } from '../flowHash';
import { sipKeyFromSeed } from '../siphash';
import type { FamilyCompiled, PresetOptions } from './family';

export function compileSocketHash(n: number, opts: PresetOptions, select: (hash: number, n: number) => number, weights: number[]): FamilyCompiled {
  if (opts.seed === undefined) return { deterministic: false, exact: false, weights };
  const seed = sipKeyFromSeed(opts.seed); // once per compile: BigInt work is slow
  return {
    deterministic: true, exact: false, weights,
    flowQueue: (f) => { const hash = flowHashLinuxSiphash(f, seed); return { hash, queue: select(hash, n) }; },
  };
}
