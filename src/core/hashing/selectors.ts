// Hash → queue selectors, one per component (spec §1.1, §2.2, §3, §5.5, §6).

function checkQueues(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of queues must be a positive integer, not ${n}`);
}

/** xen-netfront xennet_select_queue: plain modulo (not reciprocal_scale); one queue → 0. */
export function netfrontQueue(hash: number, n: number): number {
  checkQueues(n);
  return n === 1 ? 0 : (hash >>> 0) % n;
}

/** Linux reciprocal_scale(val, n) = ((u64)val * n) >> 32: uses the hash's high bits. */
export function reciprocalScale(hash: number, n: number): number {
  checkQueues(n);
  // (h * n) < 2^32 * 2^21 stays exact in a double for any sane n.
  return Math.floor(((hash >>> 0) * n) / 4294967296);
}

/**
 * xen-netback xenvif_select_queue with Toeplitz: mapping[hash % size]; size 0 means modulo.
 * xenvif_start_xmit then reduces an out-of-range index mod n.
 */
export function netbackQueue(hash: number, mapping: readonly number[], n: number): number {
  checkQueues(n);
  const h = hash >>> 0;
  const q = mapping.length === 0 ? h % n : mapping[h % mapping.length];
  return q >= n ? q % n : q;
}

/** NIC RSS: table[hash & (T − 1)] — the low bits index a power-of-two table. */
export function nicRssQueue(hash: number, table: readonly number[]): number {
  const t = table.length;
  if (t === 0 || (t & (t - 1)) !== 0) throw new RangeError(`NIC indirection table size must be a power of two, not ${t}`);
  return table[(hash >>> 0) & (t - 1)];
}

/** Windows XENVIF 8.1: own 8-bit hash % number of queues. */
export function xenvif81Queue(hash8: number, n: number): number {
  checkQueues(n);
  return (hash8 & 0xff) % n;
}

export type XenvifHashAlgorithm = 'none' | 'unspecified' | 'toeplitz';

/**
 * Windows XENVIF 8.2+ FrontendGetQueue: NONE → own 8-bit hash % n; UNSPECIFIED → value % n;
 * TOEPLITZ → mapping[value % size] (0 when no mapping is programmed).
 */
export function xenvif82Queue(alg: XenvifHashAlgorithm, value: number, mapping: readonly number[], n: number): number {
  checkQueues(n);
  switch (alg) {
    case 'none':
      return (value & 0xff) % n;
    case 'unspecified':
      return (value >>> 0) % n;
    case 'toeplitz':
      return mapping.length === 0 ? 0 : mapping[(value >>> 0) % mapping.length];
  }
}
