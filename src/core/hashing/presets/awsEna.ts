// aws-ena: ENA on instances that accept a Toeplitz key; without the key only the table's weights are known.
import { tableWeights } from '../indirection';
import { ENA_TABLE_SIZE } from '../ena';
import { presetFamily } from './family';
import { compileEnaTable } from './enaTable';
import { resolveTable } from './queueTable';

export const awsEna = presetFamily(
  {
    name: 'aws-ena',
    title: 'AWS ENA, configurable RSS key, RX',
    models: 'AWS Elastic Network Adapter on instances that accept a Toeplitz key (5th generation "n" and later)',
    description:
      'As AWS\'s ENA Toeplitz calculator: DPDK and FreeBSD drivers hash with the key as given and initial value 0; ' +
      'the Linux and Windows drivers\' key is reversed by the device and the initial value is 0xffffffff ' +
      '(--ena-driver linux|windows|dpdk|freebsd|linux-pre-2.6). The key is random per boot on Linux: read it with ' +
      '`ethtool -x`. Queue = table[hash % 128]. IPv4 only.',
  },
  { kind: 'exact', key: 'required', table: true, seed: false, input: 'addresses and ports', direction: 'rx', overriddenBy: 'the indirection table and key the driver programs' },
  {
    compile(n, opts) {
      // Without the instance's key only the table's weights are known (the key is random per boot).
      if (!opts.key) return { deterministic: false, exact: false, weights: tableWeights(resolveTable({ table: opts.table }, n, ENA_TABLE_SIZE), n) };
      return compileEnaTable(n, opts, opts.key, opts.enaDriver ?? 'linux');
    },
    hashInput: () => 'ports',
  },
);
