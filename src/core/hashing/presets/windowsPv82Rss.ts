// windows-pv-8.2-rss: NDIS Toeplitz in a Windows guest (XENVIF ≥ 8.2) and xen-netback's Toeplitz mapping.
import { tableWeights } from '../indirection';
import { netbackQueue } from '../selectors';
import { MS_RSS_KEY, toeplitzHasher, toeplitzInput } from '../toeplitz';
import { presetFamily } from './family';
import { moduloWeights } from './hashWeights';
import { resolveTable, toeplitzHashInput } from './queueTable';

export const windowsPv82Rss = presetFamily(
  {
    name: 'windows-pv-8.2-rss',
    title: 'Windows PV drivers ≥ 8.2 with RSS, guest TX and netback RX',
    models: 'Windows guest, XENNET/XENVIF ≥ 8.2 (NDIS Toeplitz) and xen-netback ≥ 4.7 Toeplitz mapping',
    description:
      'NDIS Toeplitz over the TCP 4-tuple (UDP: addresses only, the IPV4/IPV6 type — Xen has no UDP type) with the ' +
      'key NDIS programmed; the queue is mapping[hash % size] (128 entries, default i % n). Exact given key and ' +
      'mapping; Windows\' default key is not documented, so the default here is Microsoft\'s verification key.',
  },
  { kind: 'exact', key: 'optional', table: true, seed: false, input: 'TCP: addresses and ports; UDP: addresses', direction: 'tx and rx', overriddenBy: 'the mapping NDIS programs (read it with Get-NetAdapterRss in the guest)' },
  {
    compile(n, opts) {
      const mapping = resolveTable(opts, n);
      const hasher = toeplitzHasher(opts.key ?? MS_RSS_KEY);
      const fields = opts.fields ?? 4;
      const sym = opts.symmetricXor ?? false;
      return {
        deterministic: true, exact: true, weights: mapping.length ? tableWeights(mapping, n) : moduloWeights(n),
        flowQueue: (f) => {
          const hash = hasher.hashBytes(toeplitzInput(f, f.proto === 'tcp' ? fields : 2, sym));
          return { hash, queue: netbackQueue(hash, mapping, n) };
        },
      };
    },
    // Xen has no UDP hash type: UDP flows hash on their addresses
    hashInput: (proto, opts) => toeplitzHashInput(proto === 'udp' ? 2 : (opts.fields ?? 4)),
  },
);
