// Linux's random per-socket hash (sk_txhash), shared by linux-netfront and linux-tx: a model, or with a seed one
// reproducible draw by standing SipHash-2-4(seed, flow keys) in for the random value. The two differ only in how
// the hash picks a queue and in what overrides it.
import { flowHashLinuxSiphash } from '../flowHash';
import { sipKeyFromSeed } from '../siphash';
import { FamilyCompiled, PresetFamily, presetFamily, PresetInfo, PresetOptions } from './family';

function compileSocketHash(n: number, opts: PresetOptions, select: (hash: number, n: number) => number, weights: number[]): FamilyCompiled {
  if (opts.seed === undefined) return { deterministic: false, exact: false, weights };
  const seed = sipKeyFromSeed(opts.seed); // once per compile: BigInt work is slow
  return {
    deterministic: true, exact: false, weights,
    flowQueue: (f) => { const hash = flowHashLinuxSiphash(f, seed); return { hash, queue: select(hash, n) }; },
  };
}

/** A socket-hash family: `select` maps the hash to one of n queues, `weightsOf` gives that selector's queue weights. */
export function socketHashFamily(
  about: Omit<PresetInfo, 'caps' | 'exact'>,
  overriddenBy: string,
  select: (hash: number, n: number) => number,
  weightsOf: (n: number) => number[],
): PresetFamily {
  return presetFamily(
    about,
    { kind: 'model', key: 'none', table: false, seed: true, input: 'none (random per socket)', direction: 'tx', overriddenBy },
    { compile: (n, opts) => compileSocketHash(n, opts, select, weightsOf(n)), hashInput: () => 'random' },
  );
}
