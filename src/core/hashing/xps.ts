// Linux XPS: with xps_cpus (or xps_rxqs) maps installed, the tx queue follows the sending CPU,
// not a hash (net/core/dev.c get_xps_queue / netdev_pick_tx). Reads the sysfs text.

/** Tx queue → the CPUs (bit i = CPU i) that may send on it, as /sys/class/net/DEV/queues/tx-N/xps_cpus holds. */
export interface XpsMap {
  /** masks[q] for tx queue q (0n: queue in no CPU's map). */
  masks: bigint[];
  /** Lines (1-based) that were not understood, with the reason. */
  skipped: Array<{ line: number; text: string }>;
}

/** "00000000,0000000f" (32-bit groups, most significant first) → bigint. */
function parseCpuMask(text: string): bigint {
  const t = text.trim();
  if (!/^[0-9a-fA-F]+(,[0-9a-fA-F]+)*$/.test(t)) throw new SyntaxError(`not a CPU mask: '${text}'`);
  return t.split(',').reduce((acc, g) => (acc << 32n) | BigInt(`0x${g}`), 0n);
}

/**
 * `grep . /sys/class/net/DEV/queues/tx-* /xps_cpus` output ("…/tx-N/xps_cpus:MASK" per line), or
 * one mask per line for tx-0, tx-1, … . xps_rxqs lines are recognised and skipped (counted).
 */
export function parseXpsCpus(text: string): XpsMap {
  const masks: bigint[] = [];
  const skipped: XpsMap['skipped'] = [];
  let next = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /(?:^|\/)tx-(\d+)\/(xps_cpus|xps_rxqs)\s*:\s*(\S+)$/.exec(line);
    if (m) {
      if (m[2] === 'xps_rxqs') { skipped.push({ line: i + 1, text: `${line} (xps_rxqs: rx-queue map, not a CPU map)` }); return; }
      masks[Number(m[1])] = parseCpuMask(m[3]);
      return;
    }
    if (/^[0-9a-fA-F]+(,[0-9a-fA-F]+)*$/.test(line)) { masks[next++] = parseCpuMask(line); return; }
    skipped.push({ line: i + 1, text: line });
  });
  for (let q = 0; q < masks.length; q++) if (masks[q] === undefined) masks[q] = 0n;
  if (masks.length === 0) throw new SyntaxError('no xps_cpus masks found');
  return { masks, skipped };
}

/** The tx queues whose xps_cpus include `cpu`, ascending (the kernel's per-CPU map order). */
export function xpsQueuesOfCpu(map: XpsMap, cpu: number): number[] {
  const bit = 1n << BigInt(cpu);
  return map.masks.flatMap((m, q) => ((m & bit) !== 0n ? [q] : []));
}

/** The default many drivers install (netif_set_xps_queue with cpumask_of(q % cpus)): queue q ← CPU q mod cpus. */
export function defaultXpsMap(queues: number, cpus: number): XpsMap {
  return { masks: Array.from({ length: queues }, (_, q) => 1n << BigInt(q % cpus)), skipped: [] };
}

/**
 * Where a socket sending from `cpu` goes: one queue in the CPU's map → that queue (no hash); several →
 * reciprocal_scale(skb hash, count) picks among them; none → skb_tx_hash over all n (no XPS).
 */
export function xpsChoice(map: XpsMap, cpu: number, n: number): { queues: number[]; byHash: boolean } {
  const qs = xpsQueuesOfCpu(map, cpu).filter((q) => q < n);
  if (qs.length === 1) return { queues: qs, byHash: false };
  if (qs.length > 1) return { queues: qs, byHash: true };
  return { queues: Array.from({ length: n }, (_, q) => q), byHash: true };
}
