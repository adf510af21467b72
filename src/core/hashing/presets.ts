// Named presets: which hash a guest/kernel/driver computes and how it turns that into a queue.
import { parseFlow, ParsedFlow, FlowTuple } from './flow';
import { flowHashLinux316, flowHashLinuxSiphash, seed32 } from './flowHash';
import { sipKeyFromSeed } from './siphash';
import { defaultTable, isPowerOfTwo, tableWeights } from './indirection';
import { netbackQueue, netfrontQueue, nicRssQueue, reciprocalScale } from './selectors';
import { HashFields, MS_RSS_KEY, toeplitzHasher, toeplitzInput } from './toeplitz';
import { xenvifHash8 } from './xenvif';
import { EnaDriver, enaConfigurableHash, enaFixedKeyHash, ENA_TABLE_SIZE } from './ena';
import { defaultXpsMap, XpsMap, xpsChoice } from './xps';

/** Every preset name: the one list the CLI, settings (package.json enum) and views use. */
export const PRESET_NAME_LIST = [
  'linux-netfront', 'linux-3.16-netfront', 'linux-tx', 'windows-pv-8.1', 'windows-pv-8.2-rss', 'nic-rss-toeplitz',
  'aws-ena-fixed-key', 'aws-ena', 'linux-xps-pinned', 'custom',
] as const;
export type PresetName = (typeof PRESET_NAME_LIST)[number];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAME_LIST as readonly string[]).includes(name);
}

/** What a preset needs and computes (one place; args checks and docs read it). */
export interface PresetCapabilities {
  /** 'exact': the queue is a fixed function of the tuple given the options; 'model': probabilities. */
  kind: 'exact' | 'model';
  key: 'none' | 'optional' | 'required';
  /** Takes an indirection/mapping table (--table). */
  table: boolean;
  /** Takes a per-boot seed (--seed). */
  seed: boolean;
  /** Hash input fields. */
  input: string;
  /** Transmit or receive side. */
  direction: 'tx' | 'rx' | 'tx and rx';
  /** What takes precedence over this hash on a real system. */
  overriddenBy: string;
}

export interface PresetInfo {
  /** One of PRESET_NAME_LIST (typed string so callers can test a setting's raw text against the list). */
  name: string;
  title: string;
  /** true: the queue of a flow is a fixed function of its tuple (given the key/table). */
  exact: boolean;
  /** The guest, kernel or driver modelled. */
  models: string;
  description: string;
  caps: PresetCapabilities;
}

export interface PresetOptions {
  /** Toeplitz key (Toeplitz presets; default Microsoft's verification key, except `custom`). */
  key?: Uint8Array;
  /** Indirection / mapping table of queue numbers (Toeplitz presets; default 128 entries, i % n). */
  table?: number[];
  /** Per-boot seed: 32-bit hashrnd for linux-3.16-netfront; 128-bit SipHash key for the random-hash models. */
  seed?: bigint | number;
  /** Toeplitz input: 4-tuple (default) or addresses only. */
  fields?: HashFields;
  /** Linux RXH_XFRM_SYM_XOR input transformation (Toeplitz presets). */
  symmetricXor?: boolean;
  /** Input for UDP flows when it differs from TCP's (`ethtool -n DEV rx-flow-hash udp4`: IP SA, IP DA → 2). */
  udpFields?: HashFields;
  /** aws-ena: the driver that programmed the key. */
  enaDriver?: EnaDriver;
  /** linux-xps-pinned: the tx queues' xps_cpus masks (default: queue q ← CPU q mod n). */
  xps?: XpsMap;
  /** linux-xps-pinned: the CPU the sender is pinned to (iperf3 -A CPU). */
  cpu?: number;
}

export const DEFAULT_TABLE_SIZE = 128;

export const PRESETS: readonly PresetInfo[] = Object.freeze<PresetInfo[]>([
  {
    name: 'linux-netfront',
    title: 'Linux ≥ 4.3 guest, xen-netfront TX',
    exact: false,
    models: 'Linux guest kernel ≥ 4.3, xen-netfront xennet_select_queue',
    description:
      'Each TCP socket gets a uniformly random sk_txhash at connect/accept (independent of addresses and ports); ' +
      'the queue is sk_txhash % n. A model: each flow lands on queue q with probability ≈ 1/n. With a seed, one ' +
      'reproducible draw is made by standing SipHash-2-4(seed, flow keys) in for the random value.',
    caps: { kind: 'model', key: 'none', table: false, seed: true, input: 'none (random per socket)', direction: 'tx', overriddenBy: 'nothing in netfront; the backend (netback) picks the RX queue' },
  },
  {
    name: 'linux-3.16-netfront',
    title: 'Linux 3.16 guest (Debian 8), xen-netfront TX',
    exact: false,
    models: 'Linux guest kernel 3.16 (Debian 8 "jessie"), xen-netfront, flow dissector jhash_3words (old definition)',
    description:
      'No socket hash: every packet is hashed with jhash_3words(dst, src, ports, hashrnd) in canonical (symmetric) ' +
      'order, and the queue is hash % n. hashrnd is drawn at random once per boot and cannot be read, so without a ' +
      'seed this is a model (≈ uniform); with --seed S (the 32-bit hashrnd) it is exact.',
    caps: { kind: 'model', key: 'none', table: false, seed: true, input: 'addresses and ports (canonical order)', direction: 'tx', overriddenBy: 'nothing in netfront' },
  },
  {
    name: 'linux-tx',
    title: 'Linux generic TX (skb_tx_hash), ≥ 4.3',
    exact: false,
    models: 'Linux ≥ 4.3 netdev_pick_tx without XPS maps (e.g. veth, virtio without XPS, netback towards Linux guests)',
    description:
      'The socket\'s random sk_txhash is scaled with reciprocal_scale(hash, n) = (hash·n) >> 32, i.e. its high bits ' +
      'pick the queue. A model (≈ uniform); with a seed one reproducible draw as for linux-netfront. Not valid where ' +
      'the driver installs per-CPU XPS maps (most physical NICs): then the sending CPU picks the queue.',
    caps: { kind: 'model', key: 'none', table: false, seed: true, input: 'none (random per socket)', direction: 'tx', overriddenBy: 'XPS maps (the sending CPU picks the queue: see linux-xps-pinned), tc/skbedit, SO_TXHASH rehash after RTO' },
  },
  {
    name: 'windows-pv-8.1',
    title: 'Windows PV drivers 8.1 (XenServer 7.0 era), guest TX',
    exact: true,
    models: 'Windows guest, XENNET/XENVIF 8.1.x (hash algorithm NONE)',
    description:
      'XENVIF folds src addr, dst addr, sport, dport into an 8-bit value ((c << 4) + byte with overflow fold) and ' +
      'takes it % n. Exact: the queue is a fixed function of the tuple.',
    caps: { kind: 'exact', key: 'none', table: false, seed: false, input: 'addresses and ports', direction: 'tx', overriddenBy: 'nothing' },
  },
  {
    name: 'windows-pv-8.2-rss',
    title: 'Windows PV drivers ≥ 8.2 with RSS, guest TX and netback RX',
    exact: true,
    models: 'Windows guest, XENNET/XENVIF ≥ 8.2 (NDIS Toeplitz) and xen-netback ≥ 4.7 Toeplitz mapping',
    description:
      'NDIS Toeplitz over the TCP 4-tuple (UDP: addresses only, the IPV4/IPV6 type — Xen has no UDP type) with the ' +
      'key NDIS programmed; the queue is mapping[hash % size] (128 entries, default i % n). Exact given key and ' +
      'mapping; Windows\' default key is not documented, so the default here is Microsoft\'s verification key.',
    caps: { kind: 'exact', key: 'optional', table: true, seed: false, input: 'TCP: addresses and ports; UDP: addresses', direction: 'tx and rx', overriddenBy: 'the mapping NDIS programs (read it with Get-NetAdapterRss in the guest)' },
  },
  {
    name: 'nic-rss-toeplitz',
    title: 'Physical NIC RSS (Toeplitz + indirection table), RX',
    exact: true,
    models: 'RSS NICs (Intel 82599/X540/X550/700/E800, Mellanox mlx5, …) with hfunc toeplitz',
    description:
      'Toeplitz over src ‖ dst ‖ sport ‖ dport (or addresses only), queue = table[hash & (T − 1)], default 128 entries ' +
      'filled i % n. Exact given key and table — read both with `ethtool -x <if>` (Linux uses a random per-boot key). ' +
      'Supports RXH_XFRM_SYM_XOR.',
    caps: { kind: 'exact', key: 'optional', table: true, seed: false, input: 'as `ethtool -n DEV rx-flow-hash` says (default addresses and ports)', direction: 'rx', overriddenBy: 'Flow Director / ntuple rules (ethtool -N … action Q), aRFS (the consuming CPU), RSS contexts (ethtool -X … context N) and XDP/tc redirects' },
  },
  {
    name: 'aws-ena-fixed-key',
    title: 'AWS ENA, instances with the fixed RSS key, RX',
    exact: true,
    models: 'AWS Elastic Network Adapter on instances whose Toeplitz key cannot be changed',
    description:
      'As AWS\'s ENA Toeplitz calculator: the fixed key (Microsoft\'s key, 4-byte words reversed), initial value ' +
      '0xffffffff, the tuple sorted (smaller address first, smaller port first, independently), the low 16 bits ' +
      'repeated in the high half; queue = table[hash % 128] (default i % n). Symmetric. IPv4 only.',
    caps: { kind: 'exact', key: 'none', table: true, seed: false, input: 'sorted addresses and ports', direction: 'rx', overriddenBy: 'nothing the guest can set besides the indirection table' },
  },
  {
    name: 'aws-ena',
    title: 'AWS ENA, configurable RSS key, RX',
    exact: true,
    models: 'AWS Elastic Network Adapter on instances that accept a Toeplitz key (5th generation "n" and later)',
    description:
      'As AWS\'s ENA Toeplitz calculator: DPDK and FreeBSD drivers hash with the key as given and initial value 0; ' +
      'the Linux and Windows drivers\' key is reversed by the device and the initial value is 0xffffffff ' +
      '(--ena-driver linux|windows|dpdk|freebsd|linux-pre-2.6). The key is random per boot on Linux: read it with ' +
      '`ethtool -x`. Queue = table[hash % 128]. IPv4 only.',
    caps: { kind: 'exact', key: 'required', table: true, seed: false, input: 'addresses and ports', direction: 'rx', overriddenBy: 'the indirection table and key the driver programs' },
  },
  {
    name: 'linux-xps-pinned',
    title: 'Linux TX with XPS, sender pinned to one CPU (iperf3 -A CPU)',
    exact: true,
    models: 'Linux netdev_pick_tx / get_xps_queue with xps_cpus maps (most physical NICs install them)',
    description:
      'The tx queue follows the sending CPU: the queues whose xps_cpus contain that CPU. One queue → every flow ' +
      'from the CPU uses it (exact, no hash); several → reciprocal_scale(random socket hash, count) among them (a ' +
      'model); none → plain skb_tx_hash. --xps FILE takes `grep . /sys/class/net/DEV/queues/tx-*/xps_cpus`; default ' +
      'queue q ← CPU q mod n. --cpu is the CPU of iperf3 -A (default 0).',
    caps: { kind: 'exact', key: 'none', table: false, seed: false, input: 'the sending CPU (no packet fields)', direction: 'tx', overriddenBy: 'xps_rxqs (when set, the queue the socket receives on picks first; not modelled), tc/skbedit and drivers with their own ndo_select_queue; a socket that moves CPU moves queue (pin with -A)' },
  },
  {
    name: 'custom',
    title: 'Custom Toeplitz (your key and table)',
    exact: true,
    models: 'any Toeplitz implementation whose key and table you supply',
    description:
      'Toeplitz with the key you give (required), over the 4-tuple or addresses only, optional symmetric XOR; the ' +
      'table (default 128 entries, i % n) is indexed by hash & (T − 1) when T is a power of two, else hash % T.',
    caps: { kind: 'exact', key: 'required', table: true, seed: false, input: 'addresses and ports, or addresses only (--fields 2)', direction: 'rx', overriddenBy: 'as nic-rss-toeplitz' },
  },
]);

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);
if (PRESET_NAMES.join() !== PRESET_NAME_LIST.join()) throw new Error('PRESETS and PRESET_NAME_LIST disagree');

export function presetInfo(name: string): PresetInfo {
  const p = PRESETS.find((x) => x.name === name);
  if (!p) throw new RangeError(`unknown preset '${name}' (known: ${PRESET_NAMES.join(', ')})`);
  return p;
}

/** A preset bound to n queues and options: the per-flow function (when determined) and queue weights. */
export interface CompiledPreset {
  info: PresetInfo;
  n: number;
  /** The queue of a flow is determined (exact preset, or model preset with a seed). */
  deterministic: boolean;
  /** Deterministic because the preset is exact (or the seed makes it so), not a random draw. */
  exact: boolean;
  /** Hash and queue of a parsed flow; undefined when not deterministic. */
  flowQueue?: (flow: ParsedFlow) => { hash: number; queue: number };
  /** The probability of each queue for one flow with an unknown tuple. */
  weights: number[];
}

const TWO32 = 4294967296;

/** h uniform on [1, 2^32 − 1] (the kernel maps 0 to 1), queue = h % n. */
function moduloWeights(n: number): number[] {
  const w: number[] = [];
  for (let q = 0; q < n; q++) {
    const count = q > TWO32 - 1 ? 0 : Math.floor((TWO32 - 1 - q) / n) + 1 - (q === 0 ? 1 : 0);
    w.push(count / (TWO32 - 1));
  }
  return w;
}

/** h uniform on [1, 2^32 − 1], queue = (h·n) >> 32. */
function reciprocalWeights(n: number): number[] {
  const w: number[] = [];
  for (let q = 0; q < n; q++) {
    const count = Math.ceil(((q + 1) * TWO32) / n) - Math.ceil((q * TWO32) / n) - (q === 0 ? 1 : 0);
    w.push(count / (TWO32 - 1));
  }
  return w;
}

/** An 8-bit hash assumed uniform on 0..255, queue = hash8 % n. */
function hash8Weights(n: number): number[] {
  return Array.from({ length: n }, (_, q) => (q > 255 ? 0 : Math.floor((255 - q) / n) + 1) / 256);
}

function checkQueues(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of queues must be a positive integer, not ${n}`);
}

function resolveTable(opts: PresetOptions, n: number): number[] {
  const table = opts.table ?? defaultTable(DEFAULT_TABLE_SIZE, n);
  for (const q of table) {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new RangeError(`table entry ${q} is not a queue of 0..${n - 1}`);
  }
  return table;
}

/** Bind a preset to n queues and options. Throws on an unknown preset or inconsistent options. */
export function compilePreset(name: string, n: number, opts: PresetOptions = {}): CompiledPreset {
  const info = presetInfo(name);
  checkQueues(n);
  const seeded = opts.seed !== undefined;
  switch (name) {
    case 'linux-netfront':
    case 'linux-tx': {
      const select = name === 'linux-tx' ? reciprocalScale : netfrontQueue;
      const weights = name === 'linux-tx' ? reciprocalWeights(n) : moduloWeights(n);
      if (!seeded) return { info, n, deterministic: false, exact: false, weights };
      const seed = sipKeyFromSeed(opts.seed as bigint | number); // once per compile: BigInt work is slow
      return {
        info, n, deterministic: true, exact: false, weights,
        flowQueue: (f) => { const hash = flowHashLinuxSiphash(f, seed); return { hash, queue: select(hash, n) }; },
      };
    }
    case 'linux-3.16-netfront': {
      const weights = moduloWeights(n);
      if (!seeded) return { info, n, deterministic: false, exact: false, weights };
      const seed = seed32(opts.seed as bigint | number); // validates once, and keeps BigInt out of the loop
      return {
        info, n, deterministic: true, exact: true, weights,
        flowQueue: (f) => { const hash = flowHashLinux316(f, seed); return { hash, queue: netfrontQueue(hash, n) }; },
      };
    }
    case 'windows-pv-8.1':
      return {
        info, n, deterministic: true, exact: true, weights: hash8Weights(n),
        flowQueue: (f) => { const hash = xenvifHash8(f); return { hash, queue: hash % n }; },
      };
    case 'windows-pv-8.2-rss': {
      const mapping = resolveTable(opts, n);
      const hasher = toeplitzHasher(opts.key ?? MS_RSS_KEY);
      const fields = opts.fields ?? 4;
      const sym = opts.symmetricXor ?? false;
      return {
        info, n, deterministic: true, exact: true, weights: mapping.length ? tableWeights(mapping, n) : moduloWeights(n),
        flowQueue: (f) => {
          const hash = hasher.hashBytes(toeplitzInput(f, f.proto === 'tcp' ? fields : 2, sym));
          return { hash, queue: netbackQueue(hash, mapping, n) };
        },
      };
    }
    case 'nic-rss-toeplitz':
    case 'custom': {
      if (name === 'custom' && !opts.key) throw new RangeError("preset 'custom' needs a Toeplitz key");
      const table = resolveTable(opts, n);
      if (table.length === 0) throw new RangeError('indirection table is empty');
      const mask = isPowerOfTwo(table.length);
      if (name === 'nic-rss-toeplitz' && !mask) throw new RangeError(`a NIC indirection table has a power-of-two size, not ${table.length}`);
      const hasher = toeplitzHasher(opts.key ?? MS_RSS_KEY);
      const fields = opts.fields ?? 4;
      const udpFields = opts.udpFields ?? fields;
      const sym = opts.symmetricXor ?? false;
      const fastV4 = fields === 4 && !sym;
      return {
        info, n, deterministic: true, exact: true, weights: tableWeights(table, n),
        flowQueue: (f) => {
          const fl = f.proto === 'udp' ? udpFields : fields;
          const hash = fastV4 && fl === 4 && !f.v6
            ? hasher.hashV4(be32(f.src), be32(f.dst), f.sport, f.dport)
            : hasher.hashBytes(toeplitzInput(f, fl, sym));
          return { hash, queue: mask ? nicRssQueue(hash, table) : table[hash % table.length] };
        },
      };
    }
    case 'aws-ena-fixed-key':
    case 'aws-ena': {
      const table = opts.table ?? defaultTable(ENA_TABLE_SIZE, n);
      resolveTable({ table }, n);
      const key = opts.key;
      // Without the instance's key only the table's weights are known (the key is random per boot).
      if (name === 'aws-ena' && !key) return { info, n, deterministic: false, exact: false, weights: tableWeights(table, n) };
      const driver = opts.enaDriver ?? 'linux';
      return {
        info, n, deterministic: true, exact: true, weights: tableWeights(table, n),
        flowQueue: (f) => {
          const hash = key ? enaConfigurableHash(f, key, driver) : enaFixedKeyHash(f);
          return { hash, queue: table[hash % table.length] };
        },
      };
    }
    case 'linux-xps-pinned': {
      const cpu = opts.cpu ?? 0;
      if (!Number.isInteger(cpu) || cpu < 0) throw new RangeError(`--cpu must be a CPU number, not ${cpu}`);
      const map = opts.xps ?? defaultXpsMap(n, n);
      const choice = xpsChoice(map, cpu, n);
      const weights = new Array<number>(n).fill(0);
      if (!choice.byHash) {
        const q = choice.queues[0];
        weights[q] = 1;
        return { info, n, deterministic: true, exact: true, weights, flowQueue: () => ({ hash: 0, queue: q }) };
      }
      // Several queues (or none: plain skb_tx_hash): a random per-socket hash picks, ≈ uniformly.
      for (const q of choice.queues) weights[q] = 1 / choice.queues.length;
      return { info, n, deterministic: false, exact: false, weights };
    }
    default:
      throw new RangeError(`unknown preset '${name}'`);
  }
}

function be32(b: Uint8Array): number {
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/** The hash and queue of a flow for n queues; undefined for a model preset without a seed. */
export function queueOf(preset: string, flow: FlowTuple, n: number, opts?: PresetOptions): { hash: number; queue: number } | undefined {
  const c = compilePreset(preset, n, opts);
  return c.flowQueue ? c.flowQueue(parseFlow(flow)) : undefined;
}

/** The probability of each queue for one flow under the preset with n queues. */
export function queueWeights(preset: string, n: number, opts?: PresetOptions): number[] {
  return compilePreset(preset, n, opts).weights;
}
