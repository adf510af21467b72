// AWS ENA's Toeplitz variants, as AWS's published calculator (amzn/amzn-ec2-ena-utilities,
// ena-toeplitz/toeplitz_calc.py) defines them; its outputs are the test vectors
// (test/fixtures/rss-public/ena-toeplitz-calc-outputs.txt). IPv4 only, as the calculator.
import { be32, ParsedFlow } from './flow';
import { toeplitzHasher } from './toeplitz';

/** The key of instances whose key cannot be changed: Microsoft's key with its 4-byte words in reverse order. */
export const ENA_FIXED_KEY: Uint8Array = Uint8Array.from([
  0xbe, 0xac, 0x01, 0xfa, 0x6a, 0x42, 0xb7, 0x3b, 0x80, 0x30, 0xf2, 0x0c, 0x77, 0xcb, 0x2d, 0xa3,
  0xae, 0x7b, 0x30, 0xb4, 0xd0, 0xca, 0x2b, 0xcb, 0x43, 0xa3, 0x8f, 0xb0, 0x41, 0x67, 0x25, 0x3d,
  0x25, 0x5b, 0x0e, 0xc2, 0x6d, 0x5a, 0x56, 0xda,
]);

/**
 * Which driver programmed a configurable key: DPDK and FreeBSD hash with the key as given and
 * initial value 0; the Linux and Windows drivers hand the key to the device, which reverses it,
 * with initial value 0xffffffff ('linux-pre-2.6': Linux driver < 2.6 before the key was set
 * explicitly, initial value 0).
 */
export type EnaDriver = 'linux' | 'windows' | 'dpdk' | 'freebsd' | 'linux-pre-2.6';
export const ENA_DRIVERS: readonly EnaDriver[] = ['linux', 'windows', 'dpdk', 'freebsd', 'linux-pre-2.6'];

/** The ENA indirection table has 128 entries, indexed by hash % 128. */
export const ENA_TABLE_SIZE = 128;

function input(srcIp: number, dstIp: number, sport: number, dport: number): Uint8Array {
  const b = new Uint8Array(12);
  const v = new DataView(b.buffer);
  v.setUint32(0, srcIp);
  v.setUint32(4, dstIp);
  v.setUint16(8, sport);
  v.setUint16(10, dport);
  return b;
}

function checkV4(flow: ParsedFlow): void {
  if (flow.v6) throw new RangeError("AWS's ENA Toeplitz calculator covers IPv4 only; an IPv6 flow's ENA hash is not published");
}

/**
 * Fixed-key instances: initial value 0xffffffff, the fixed key, the tuple sorted (smaller address
 * first, and independently the smaller port first), and only the low 16 bits, repeated in the high half.
 */
export function enaFixedKeyHash(flow: ParsedFlow): number {
  checkV4(flow);
  const a = be32(flow.src);
  const b = be32(flow.dst);
  const h = (0xffffffff ^ toeplitzHasher(ENA_FIXED_KEY).hashBytes(input(Math.min(a, b), Math.max(a, b), Math.min(flow.sport, flow.dport), Math.max(flow.sport, flow.dport)))) >>> 0;
  return ((h & 0xffff) | (h << 16)) >>> 0;
}

/** Configurable-key instances: the hash each driver's setup yields for `key` (as `ethtool -x` prints it). */
export function enaConfigurableHash(flow: ParsedFlow, key: Uint8Array, driver: EnaDriver = 'linux'): number {
  checkV4(flow);
  const reversed = driver !== 'dpdk' && driver !== 'freebsd';
  const k = reversed ? Uint8Array.from(key).reverse() : key;
  const init = driver === 'linux' || driver === 'windows' ? 0xffffffff : 0;
  return (init ^ toeplitzHasher(k).hashBytes(input(be32(flow.src), be32(flow.dst), flow.sport, flow.dport))) >>> 0;
}
