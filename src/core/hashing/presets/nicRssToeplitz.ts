// nic-rss-toeplitz: a physical NIC's receive-side scaling, Toeplitz and a power-of-two indirection table.
import { presetFamily } from './family';
import { compileToeplitzTable, toeplitzTableHashInput } from './toeplitzTable';

export const nicRssToeplitz = presetFamily(
  {
    name: 'nic-rss-toeplitz',
    title: 'Physical NIC RSS (Toeplitz + indirection table), RX',
    models: 'RSS NICs (Intel 82599/X540/X550/700/E800, Mellanox mlx5, …) with hfunc toeplitz',
    description:
      'Toeplitz over src ‖ dst ‖ sport ‖ dport (or addresses only), queue = table[hash & (T − 1)], default 128 entries ' +
      'filled i % n. Exact given key and table — read both with `ethtool -x <if>` (Linux uses a random per-boot key). ' +
      'Supports RXH_XFRM_SYM_XOR.',
  },
  { kind: 'exact', key: 'optional', table: true, seed: false, input: 'as `ethtool -n DEV rx-flow-hash` says (default addresses and ports)', direction: 'rx', overriddenBy: 'Flow Director / ntuple rules (ethtool -N … action Q), aRFS (the consuming CPU), RSS contexts (ethtool -X … context N) and XDP/tc redirects' },
  {
    compile: (n, opts) => compileToeplitzTable(n, opts, true),
    hashInput: toeplitzTableHashInput,
  },
);
