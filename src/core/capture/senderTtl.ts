// The IP TTL (hop limit) each address's TCP/UDP packets arrive with, from the start of a capture: a hint at the
// sender's OS, since stacks start from different values (Linux and the BSDs 64, Windows 128, much network gear 255).
// A hint only: a route or a changed sysctl moves it, and the preset picker says so.
import { formatIPv4, formatIPv6 } from './address';
import { FLOW } from './decode';
import { forEachPacket } from './forEachPacket';

/** The initial TTLs stacks use; a packet's TTL is at most its sender's. */
const INITIAL = [32, 64, 128, 255];

/** The smallest common initial TTL at or above `ttl`: what the sender most likely started from. */
export function initialTtl(ttl: number): number {
  return INITIAL.find((t) => ttl <= t) ?? 255;
}

/** Per source address: the highest TTL among its TCP/UDP packets in the first `maxPackets` packets. */
export async function senderTtls(file: string, maxPackets = 10_000): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await forEachPacket(file, (_r, st, d) => {
    if (st !== FLOW) return;
    const ip = d.v6 ? formatIPv6(d.s0, d.s1, d.s2, d.s3) : formatIPv4(d.s3);
    if ((out.get(ip) ?? -1) < d.ttl) out.set(ip, d.ttl);
  }, { limit: maxPackets });
  return out;
}
