// custom: Toeplitz with the user's key and table, any table size.
import { presetFamily } from './family';
import { compileToeplitzTable, toeplitzTableHashInput } from './toeplitzTable';

export const custom = presetFamily(
  {
    name: 'custom',
    title: 'Custom Toeplitz (your key and table)',
    models: 'any Toeplitz implementation whose key and table you supply',
    description:
      'Toeplitz with the key you give (required), over the 4-tuple or addresses only, optional symmetric XOR; the ' +
      'table (default 128 entries, i % n) is indexed by hash & (T − 1) when T is a power of two, else hash % T.',
  },
  { kind: 'exact', key: 'required', table: true, seed: false, input: 'addresses and ports, or addresses only (--fields 2)', direction: 'rx', overriddenBy: 'as nic-rss-toeplitz' },
  {
    compile(n, opts) {
      if (!opts.key) throw new RangeError("preset 'custom' needs a Toeplitz key");
      return compileToeplitzTable(n, opts, false);
    },
    hashInput: toeplitzTableHashInput,
  },
);
