// Linux flow-dissector hash of a TCP/UDP flow, per kernel era, given the per-boot seed.
// Real kernels draw the seed at random and never export it: these are what-if emulations.
import { le32, ParsedFlow, swap16 } from './flow';
import { jhash2, jhash3wordsOld } from './jhash';
import { sipKeyFromSeed, siphash24Halves } from './siphash';

const IPPROTO = { tcp: 6, udp: 17 } as const;

/** ipv6_addr_hash: XOR of the address's four native (LE) 32-bit words. */
function ipv6AddrHash(a: Uint8Array): number {
  return (le32(a, 0) ^ le32(a, 4) ^ le32(a, 8) ^ le32(a, 12)) >>> 0;
}

export function seed32(seed: bigint | number): number {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed;
  const v = BigInt(seed);
  if (v < 0n || v > 0xffffffffn) throw new RangeError('a jhash seed (hashrnd) is an unsigned 32-bit integer');
  return Number(v);
}

/**
 * Linux 3.16 (also 3.17 … 4.1 packets): jhash_3words(dst, src, ports, hashrnd), old jhash_3words,
 * after swapping to a canonical direction so both directions hash alike; 0 becomes 1.
 */
export function flowHashLinux316(flow: ParsedFlow, hashrnd: bigint | number): number {
  let src = flow.v6 ? ipv6AddrHash(flow.src) : le32(flow.src);
  let dst = flow.v6 ? ipv6AddrHash(flow.dst) : le32(flow.dst);
  let p0 = swap16(flow.sport);
  let p1 = swap16(flow.dport);
  if (dst < src || (dst === src && p1 < p0)) {
    [src, dst] = [dst, src];
    [p0, p1] = [p1, p0];
  }
  const ports = (p0 | (p1 << 16)) >>> 0;
  const h = jhash3wordsOld(dst, src, ports, seed32(hashrnd));
  return h === 0 ? 1 : h;
}

/** memcmp(a, b) < 0 */
function bytesLess(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * Linux 4.2 … 5.3: jhash2 over struct flow_keys from `basic` (4.2 layout): basic, tags, keyid,
 * ports, addrs. `socket` reproduces inet_set_txhash (3.17–4.2 sk_txhash): basic left zero.
 * Consistentify swaps addresses and ports together (signed IPv4 difference). IPv6 assumes flow
 * label 0 (a non-zero label makes the kernel skip the ports).
 */
export function flowHashLinux42(flow: ParsedFlow, hashrnd: bigint | number, socket = false): number {
  let src = flow.src;
  let dst = flow.dst;
  let sport = flow.sport;
  let dport = flow.dport;
  const swap = flow.v6
    ? bytesLess(dst, src) || (!bytesLess(src, dst) && swap16(dport) < swap16(sport))
    : (((le32(dst) - le32(src)) | 0) < 0) || (le32(dst) === le32(src) && swap16(dport) < swap16(sport));
  if (swap) {
    [src, dst] = [dst, src];
    [sport, dport] = [dport, sport];
  }
  const nProto = flow.v6 ? 0xdd86 : 0x0008; // htons(ETH_P_IPV6 / ETH_P_IP) read natively
  const basic = socket ? 0 : (nProto | (IPPROTO[flow.proto] << 16)) >>> 0;
  const words = [basic, 0, 0, (swap16(sport) | (swap16(dport) << 16)) >>> 0];
  for (const a of [src, dst]) for (let o = 0; o < a.length; o += 4) words.push(le32(a, o));
  const h = jhash2(words, seed32(hashrnd));
  return h === 0 ? 1 : h;
}

/**
 * The bytes SipHash covers in Linux 6.8 (x86-64 struct flow_keys from offset 8): basic(4) |
 * flow_label(4) | vlan(8) | cvlan(8) | keyid(4) | ports(4) | icmp(4) | addrs (8 + 4 zero, or 32 + 4 pad).
 * Addresses and ports are sorted independently (6.8 consistentify, unsigned native compare).
 */
export function flowKeysBytes68(flow: ParsedFlow): Uint8Array {
  const out = new Uint8Array(flow.v6 ? 72 : 48);
  out[0] = flow.v6 ? 0x86 : 0x08; out[1] = flow.v6 ? 0xdd : 0x00;
  out[2] = IPPROTO[flow.proto];
  let src = flow.src;
  let dst = flow.dst;
  if (flow.v6 ? bytesLess(dst, src) : le32(dst) < le32(src)) [src, dst] = [dst, src];
  let sport = flow.sport;
  let dport = flow.dport;
  if (swap16(dport) < swap16(sport)) [sport, dport] = [dport, sport];
  out[28] = sport >>> 8; out[29] = sport & 0xff; out[30] = dport >>> 8; out[31] = dport & 0xff;
  out.set(src, 36);
  out.set(dst, 36 + src.length);
  return out;
}

/** Linux ≥ 5.4 (and 5.3.10, 4.19.304 backports; 6.8 layout): SipHash-2-4 truncated to u32, 0 → 1. */
export function flowHashLinuxSiphash(flow: ParsedFlow, seed: bigint | number | Uint8Array): number {
  const key = seed instanceof Uint8Array ? seed : sipKeyFromSeed(seed);
  const [lo] = siphash24Halves(key, flowKeysBytes68(flow));
  return lo === 0 ? 1 : lo;
}

export type FlowHashEra = '3.16' | '4.2' | '4.2-socket' | '6.8';

export function linuxFlowHash(era: FlowHashEra, flow: ParsedFlow, seed: bigint | number): number {
  switch (era) {
    case '3.16': return flowHashLinux316(flow, seed);
    case '4.2': return flowHashLinux42(flow, seed, false);
    case '4.2-socket': return flowHashLinux42(flow, seed, true);
    case '6.8': return flowHashLinuxSiphash(flow, seed);
  }
}
