// linux-netfront: a Linux ≥ 4.3 guest's xen-netfront picks the TX queue as sk_txhash % n.
import { netfrontQueue } from '../selectors';
import { moduloWeights } from './hashWeights';
import { socketHashFamily } from './socketHash';

export const linuxNetfront = socketHashFamily(
  {
    name: 'linux-netfront',
    title: 'Linux ≥ 4.3 guest, xen-netfront TX',
    models: 'Linux guest kernel ≥ 4.3, xen-netfront xennet_select_queue',
    description:
      'Each TCP socket gets a uniformly random sk_txhash at connect/accept (independent of addresses and ports); ' +
      'the queue is sk_txhash % n. A model: each flow lands on queue q with probability ≈ 1/n. With a seed, one ' +
      'reproducible draw is made by standing SipHash-2-4(seed, flow keys) in for the random value.',
  },
  'nothing in netfront; the backend (netback) picks the RX queue',
  netfrontQueue,
  moduloWeights,
);
