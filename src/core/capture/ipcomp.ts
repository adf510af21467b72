import { inflateRawSync } from 'node:zlib';

/** Largest payload an IPComp datagram may inflate to (an IP datagram's maximum): a bomb stops here. */
const MAX_INFLATED = 65535;

/**
 * IPComp (RFC 3173, IP protocol 108): a 4-byte header (next header, flags, CPI), then the compressed payload.
 * tshark inflates it as DEFLATE whatever the CPI says (CPIs from 256 up are negotiated, so cannot name the
 * algorithm) and dissects the result as the next header; so do we. Null when it does not inflate (another algorithm).
 */
export function ipcompPayload(b: Buffer, p: number, end: number): Buffer | null {
  if (p + 4 >= end) return null;
  try {
    return inflateRawSync(b.subarray(p + 4, end), { maxOutputLength: MAX_INFLATED });
  } catch {
    return null;
  }
}
