// windows-pv-8.1: the Windows PV drivers' XENVIF 8.1 folds the tuple into 8 bits and takes it % n.
import { xenvifHash8 } from '../xenvif';
import { presetFamily } from './family';
import { hash8Weights } from './hashWeights';

export const windowsPv81 = presetFamily(
  {
    name: 'windows-pv-8.1',
    title: 'Windows PV drivers 8.1 (XenServer 7.0 era), guest TX',
    models: 'Windows guest, XENNET/XENVIF 8.1.x (hash algorithm NONE)',
    description:
      'XENVIF folds src addr, dst addr, sport, dport into an 8-bit value ((c << 4) + byte with overflow fold) and ' +
      'takes it % n. Exact: the queue is a fixed function of the tuple.',
  },
  { kind: 'exact', key: 'none', table: false, seed: false, input: 'addresses and ports', direction: 'tx', overriddenBy: 'nothing' },
  {
    compile: (n) => ({
      deterministic: true, exact: true, weights: hash8Weights(n),
      flowQueue: (f) => { const hash = xenvifHash8(f); return { hash, queue: hash % n }; },
    }),
    hashInput: () => 'ports',
  },
);
