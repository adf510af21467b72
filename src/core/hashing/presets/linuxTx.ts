// linux-tx: Linux's generic netdev_pick_tx without XPS maps scales the random socket hash to n queues.
import { reciprocalScale } from '../selectors';
import { reciprocalWeights } from './hashWeights';
import { socketHashFamily } from './socketHash';

export const linuxTx = socketHashFamily(
  {
    name: 'linux-tx',
    title: 'Linux generic TX (skb_tx_hash), ≥ 4.3',
    models: 'Linux ≥ 4.3 netdev_pick_tx without XPS maps (e.g. veth, virtio without XPS, netback towards Linux guests)',
    description:
      'The socket\'s random sk_txhash is scaled with reciprocal_scale(hash, n) = (hash·n) >> 32, i.e. its high bits ' +
      'pick the queue. A model (≈ uniform); with a seed one reproducible draw as for linux-netfront. Not valid where ' +
      'the driver installs per-CPU XPS maps (most physical NICs): then the sending CPU picks the queue.',
  },
  'XPS maps (the sending CPU picks the queue: see linux-xps-pinned), tc/skbedit, SO_TXHASH rehash after RTO',
  reciprocalScale,
  reciprocalWeights,
);
