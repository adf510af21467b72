// Community ID v1 (github.com/corelight/community-id-spec): SHA-1 of seed . lower endpoint . higher endpoint . proto .
// 0 . ports, base64, prefixed "1:". The same flow in either direction gets the same ID.
import { createHash } from 'node:crypto';
import { parseIp } from '../hashing/ip';

export interface CommunityIdFlow {
  /** IP protocol number: 6 TCP, 17 UDP, 132 SCTP; others are hashed without ports. */
  proto: number;
  saddr: string;
  daddr: string;
  /** Ports (TCP/UDP/SCTP), or ICMP's type and counter-type as Zeek maps them (the caller maps them); null: none. */
  sport: number | null;
  dport: number | null;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The Community ID of a flow; `base64: false` gives the digest in hex, as the spec's "no base64" variant. */
export function communityId(f: CommunityIdFlow, opts: { seed?: number; base64?: boolean } = {}): string {
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff) throw new RangeError(`seed must be 0..65535, got ${seed}`);
  if (!Number.isInteger(f.proto) || f.proto < 0 || f.proto > 255) throw new RangeError(`protocol must be 0..255, got ${f.proto}`);
  let a = parseIp(f.saddr);
  let b = parseIp(f.daddr);
  if (a.length !== b.length) throw new RangeError(`${f.saddr} and ${f.daddr} are not of one IP version`);
  const ports = f.sport !== null && f.dport !== null;
  let sp = f.sport ?? 0;
  let dp = f.dport ?? 0;
  for (const p of ports ? [sp, dp] : []) if (!Number.isInteger(p) || p < 0 || p > 0xffff) throw new RangeError(`port must be 0..65535, got ${p}`);
  // the numerically smaller IP:port first
  const c = compareBytes(a, b);
  if (c > 0 || (c === 0 && sp > dp)) { [a, b] = [b, a]; [sp, dp] = [dp, sp]; }
  const head = Buffer.alloc(2);
  head.writeUInt16BE(seed);
  const parts: Uint8Array[] = [head, a, b, Uint8Array.of(f.proto, 0)];
  if (ports) { const p = Buffer.alloc(4); p.writeUInt16BE(sp, 0); p.writeUInt16BE(dp, 2); parts.push(p); }
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return `1:${opts.base64 === false ? h.digest('hex') : h.digest('base64')}`;
}
