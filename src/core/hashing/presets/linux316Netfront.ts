// linux-3.16-netfront: a Debian 8 guest's xen-netfront hashes every packet with the old jhash_3words flow hash.
import { flowHashLinux316, seed32 } from '../flowHash';
import { netfrontQueue } from '../selectors';
import { presetFamily } from './family';
import { moduloWeights } from './hashWeights';

export const linux316Netfront = presetFamily(
  {
    name: 'linux-3.16-netfront',
    title: 'Linux 3.16 guest (Debian 8), xen-netfront TX',
    models: 'Linux guest kernel 3.16 (Debian 8 "jessie"), xen-netfront, flow dissector jhash_3words (old definition)',
    description:
      'No socket hash: every packet is hashed with jhash_3words(dst, src, ports, hashrnd) in canonical (symmetric) ' +
      'order, and the queue is hash % n. hashrnd is drawn at random once per boot and cannot be read, so without a ' +
      'seed this is a model (≈ uniform); with --seed S (the 32-bit hashrnd) it is exact.',
  },
  { kind: 'model', key: 'none', table: false, seed: true, input: 'addresses and ports (canonical order)', direction: 'tx', overriddenBy: 'nothing in netfront' },
  {
    compile(n, opts) {
      const weights = moduloWeights(n);
      if (opts.seed === undefined) return { deterministic: false, exact: false, weights };
      const seed = seed32(opts.seed); // validates once, and keeps BigInt out of the loop
      return {
        deterministic: true, exact: true, weights,
        flowQueue: (f) => { const hash = flowHashLinux316(f, seed); return { hash, queue: netfrontQueue(hash, n) }; },
      };
    },
    hashInput: (_proto, opts) => (opts.seed === undefined ? 'random' : 'ports'),
  },
);
