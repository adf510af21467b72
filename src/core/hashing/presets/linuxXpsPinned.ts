// linux-xps-pinned: with XPS maps the sending CPU picks the TX queue (sender pinned with iperf3 -A).
import { defaultXpsMap, xpsChoice } from '../xps';
import { presetFamily } from './family';

export const linuxXpsPinned = presetFamily(
  {
    name: 'linux-xps-pinned',
    title: 'Linux TX with XPS, sender pinned to one CPU (iperf3 -A CPU)',
    models: 'Linux netdev_pick_tx / get_xps_queue with xps_cpus maps (most physical NICs install them)',
    description:
      'The tx queue follows the sending CPU: the queues whose xps_cpus contain that CPU. One queue → every flow ' +
      'from the CPU uses it (exact, no hash); several → reciprocal_scale(random socket hash, count) among them (a ' +
      'model); none → plain skb_tx_hash. --xps FILE takes `grep . /sys/class/net/DEV/queues/tx-*/xps_cpus`; default ' +
      'queue q ← CPU q mod n. --cpu is the CPU of iperf3 -A (default 0).',
  },
  { kind: 'exact', key: 'none', table: false, seed: false, input: 'the sending CPU (no packet fields)', direction: 'tx', overriddenBy: 'xps_rxqs (when set, the queue the socket receives on picks first; not modelled), tc/skbedit and drivers with their own ndo_select_queue; a socket that moves CPU moves queue (pin with -A)' },
  {
    compile(n, opts) {
      const cpu = opts.cpu ?? 0;
      if (!Number.isInteger(cpu) || cpu < 0) throw new RangeError(`--cpu must be a CPU number, not ${cpu}`);
      const choice = xpsChoice(opts.xps ?? defaultXpsMap(n, n), cpu, n);
      const weights = new Array<number>(n).fill(0);
      if (!choice.byHash) {
        const q = choice.queues[0];
        weights[q] = 1;
        return { deterministic: true, exact: true, weights, flowQueue: () => ({ hash: 0, queue: q }) };
      }
      // Several queues (or none: plain skb_tx_hash): a random per-socket hash picks, ≈ uniformly.
      for (const q of choice.queues) weights[q] = 1 / choice.queues.length;
      return { deterministic: false, exact: false, weights };
    },
    hashInput: () => 'cpu',
  },
);
