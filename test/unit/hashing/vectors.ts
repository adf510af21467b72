// Shared test data from docs/spec/queue-hashing.md (section numbers in comments).
import { FlowTuple } from '../../../src/core/hashing';

export function tcp(src: string, sport: number, dst: string, dport: number, proto: 'tcp' | 'udp' = 'tcp'): FlowTuple {
  return { proto, src: { ip: src, port: sport }, dst: { ip: dst, port: dport } };
}

/** §5.4 Microsoft verification suite: source, destination, IP-only hash, IP+TCP hash. */
export const MS_IPV4: [string, number, string, number, number, number][] = [
  ['66.9.149.187', 2794, '161.142.100.80', 1766, 0x323e8fc2, 0x51ccc178],
  ['199.92.111.2', 14230, '65.69.140.83', 4739, 0xd718262a, 0xc626b0ea],
  ['24.19.198.95', 12898, '12.22.207.184', 38024, 0xd2d0a5de, 0x5c2b394a],
  ['38.27.205.30', 48228, '209.142.163.6', 2217, 0x82989176, 0xafc7327f],
  ['153.39.163.191', 44251, '202.188.127.2', 1303, 0x5d1809c5, 0x10e828a2],
];

export const MS_IPV6: [string, number, string, number, number, number][] = [
  ['3ffe:2501:200:1fff::7', 2794, '3ffe:2501:200:3::1', 1766, 0x2cc18cd5, 0x40207d3d],
  ['3ffe:501:8::260:97ff:fe40:efab', 14230, 'ff02::1', 4739, 0x0f0c461c, 0xdde51bbf],
  ['3ffe:1900:4545:3:200:f8ff:fe21:67cf', 44251, 'fe80::200:f8ff:fe21:67cf', 38024, 0x4b61e985, 0x02d1feef],
];

/** §5.6: the MS IPv4+TCP flows under the symmetric key (both directions), and reversed under the MS key. */
export const SYMMETRIC_KEY_HASHES = [0x9fcc9fcc, 0x60d760d7, 0x3a3e3a3e, 0xd26ed26e, 0xf23ef23e];
export const MS_KEY_REVERSED_HASHES = [0xfde799b2, 0xe53c74e8, 0xa802b849, 0xe1dfcdff, 0x15d05e13];

/** §5.5: 10.0.0.1:sport → 10.0.0.2:5001, MS key: Toeplitz, hash & 127, queue for n = 1..8 (128-entry i % n). */
export const TOEPLITZ_PORTS: [number, number, number, string][] = [
  [40000, 0x0c863309, 9, '01014321'],
  [40001, 0x9e1892d8, 88, '00103440'],
  [40002, 0xc5c963e1, 97, '01112161'],
  [40003, 0x5757c230, 48, '00003060'],
  [40004, 0xe8219b7d, 125, '01210565'],
  [40005, 0x7abf3aac, 44, '00204224'],
  [40006, 0x216ecb95, 21, '01011305'],
  [40007, 0xb3f06a44, 68, '00203254'],
];

/** §6.2: XENVIF 8-bit hash of 10.0.0.1:sport → 10.0.0.2:5001 and queue for n = 1..8. */
export const XENVIF_PORTS: [number, number, string][] = [
  [40000, 0xb7, '01033317'],
  [40001, 0xb4, '00000054'],
  [40002, 0xa9, '01114111'],
  [40003, 0xb6, '00222206'],
  [40004, 0xb3, '01234543'],
  [40005, 0xb0, '00201210'],
  [40006, 0xb5, '01111165'],
  [40007, 0xb2, '00123432'],
];

/** §3: reciprocal_scale(h, n) and h % n for n = 1..8. */
export const SELECTOR_TABLE: [number, string, string][] = [
  [0x00000000, '00000000', '00000000'],
  [0x00000001, '00000000', '01111111'],
  [0x7fffffff, '00112233', '01132117'],
  [0x80000000, '01122334', '00203220'],
  [0xffffffff, '01234567', '01030337'],
  [0xfb6c9bda, '01234567', '00022032'],
  [0x51ccc178, '00011122', '00103420'],
];

export function digits(s: string): number[] {
  return [...s].map(Number);
}

/** A small deterministic PRNG (xorshift32) so random tests are reproducible. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}
