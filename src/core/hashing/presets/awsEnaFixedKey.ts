// aws-ena-fixed-key: ENA on instances whose Toeplitz key cannot be changed.
import { presetFamily } from './family';
import { compileEnaTable } from './enaTable';

export const awsEnaFixedKey = presetFamily(
  {
    name: 'aws-ena-fixed-key',
    title: 'AWS ENA, instances with the fixed RSS key, RX',
    models: 'AWS Elastic Network Adapter on instances whose Toeplitz key cannot be changed',
    description:
      'As AWS\'s ENA Toeplitz calculator: the fixed key (Microsoft\'s key, 4-byte words reversed), initial value ' +
      '0xffffffff, the tuple sorted (smaller address first, smaller port first, independently), the low 16 bits ' +
      'repeated in the high half; queue = table[hash % 128] (default i % n). Symmetric. IPv4 only.',
  },
  { kind: 'exact', key: 'none', table: true, seed: false, input: 'sorted addresses and ports', direction: 'rx', overriddenBy: 'nothing the guest can set besides the indirection table' },
  {
    // a key given anyway is hashed as the Linux driver programs it, as before the split
    compile: (n, opts) => compileEnaTable(n, opts, opts.key, opts.enaDriver ?? 'linux'),
    hashInput: () => 'ports',
  },
);
