// RSS indirection tables / netback mapping tables: building, indexing, and reading `ethtool -x`.
import { netAdapterRssQueues, parseGetNetAdapterRss } from './nicConfig';
import { parseHexKey } from './toeplitz';

/** Default fill, as ethtool_rxfh_indir_default and the Intel/mlx5 drivers do: entry i = i % n. */
export function defaultTable(size: number, n: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`table size must be a positive integer, not ${size}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of queues must be a positive integer, not ${n}`);
  return Array.from({ length: size }, (_, i) => i % n);
}

export function isPowerOfTwo(x: number): boolean {
  return Number.isInteger(x) && x > 0 && (x & (x - 1)) === 0;
}

/** NIC indexing: low log2(T) bits of the hash. */
export function indexByMask(hash: number, size: number): number {
  if (!isPowerOfTwo(size)) throw new RangeError(`mask indexing needs a power-of-two table, not ${size}`);
  return (hash >>> 0) & (size - 1);
}

/** netback indexing: hash % size (equals the mask for powers of two). */
export function indexByMod(hash: number, size: number): number {
  return (hash >>> 0) % size;
}

/** The share of a uniformly distributed index that each of n queues receives from a table. */
export function tableWeights(table: readonly number[], n: number): number[] {
  const w = new Array<number>(n).fill(0);
  for (const q of table) {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new RangeError(`table entry ${q} is not a queue of 0..${n - 1}`);
    w[q] += 1;
  }
  return w.map((c) => c / table.length);
}

/** What `ethtool -x <if>` tells us. */
export interface EthtoolRxfh {
  device?: string;
  rings?: number;
  table: number[];
  key?: Uint8Array;
  /** The hash function marked "on" (toeplitz, xor, crc32, …). */
  hfunc?: string;
  /** "RSS input transformation: symmetric-xor: on" (ethtool ≥ 6.8). */
  symmetricXor?: boolean;
  /** The device reported no table ("Operation not supported" under the table header). */
  tableUnsupported?: boolean;
  /** RSS context of this table (`ethtool -x DEV context N`), when the output names one. */
  context?: number;
  /** Where the table came from when it was not `ethtool -x` (e.g. Get-NetAdapterRss: queue i = i-th CPU). */
  source?: string;
  /** Lines (1-based) of the file that were not understood. */
  skipped?: Array<{ line: number; text: string }>;
}

/**
 * Parse `ethtool -x` (a.k.a. --show-rxfh-indir) output. Rows look like "   8:   0  1  2 …";
 * the key is one line of colon-separated hex after "RSS hash key:".
 */
export function parseEthtoolX(text: string): EthtoolRxfh {
  const out: EthtoolRxfh = { table: [] };
  const lines = text.split(/\r?\n/);
  let section = '';
  let expectedIndex = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const head = /^RX flow hash indirection table for (\S+) with (\d+) RX ring\(s\):$/.exec(line);
    if (head) { out.device = head[1]; out.rings = Number(head[2]); section = 'table'; continue; }
    const ctx = /^(?:RSS context|context)\s*(\d+)\s*:?$/i.exec(line);
    if (ctx) { out.context = Number(ctx[1]); continue; }
    if (section === 'table' && /operation not supported/i.test(line)) { out.tableUnsupported = true; continue; }
    if (/^RSS hash key:$/i.test(line)) { section = 'key'; continue; }
    if (/^RSS hash function:$/i.test(line)) { section = 'hfunc'; continue; }
    if (/^RSS input transformation:$/i.test(line)) { section = 'xfrm'; continue; }
    // Unambiguous (digits, then whitespace-separated digits): `(?:\d+\s*)+` backtracked exponentially on "0: 111…1x".
    const row = /^(\d+):\s+(\d+(?:\s+\d+)*)\s*$/.exec(line);
    if (row && (section === 'table' || section === '')) {
      const index = Number(row[1]);
      if (index !== expectedIndex) throw new SyntaxError(`ethtool -x: row starts at ${index}, expected ${expectedIndex}`);
      const entries = row[2].trim().split(/\s+/).map(Number);
      for (const e of entries) out.table.push(e); // no spread: a line may hold any number
      expectedIndex += entries.length;
      section = 'table';
      continue;
    }
    if (section === 'key' && /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*$/.test(line)) { out.key = parseHexKey(line); continue; }
    const onOff = /^([\w-]+):\s+(on|off)$/.exec(line);
    if (onOff && section === 'hfunc') { if (onOff[2] === 'on') out.hfunc = onOff[1]; continue; }
    if (onOff && section === 'xfrm') { if (onOff[1] === 'symmetric-xor') out.symmetricXor = onOff[2] === 'on'; continue; }
    if (section === 'key' && /operation not supported/i.test(line)) continue;
  }
  if (out.table.length === 0) {
    throw new SyntaxError(out.tableUnsupported
      ? `ethtool -x: ${out.device ?? 'the device'} reports no indirection table (Operation not supported): it has no RSS to model${out.hfunc ? ` (hfunc ${out.hfunc} is only the default)` : ''}`
      : 'ethtool -x: no indirection table rows found');
  }
  return out;
}

/**
 * A table file as the CLI accepts it: `ethtool -x` output, or plain queue numbers separated
 * by whitespace or commas (e.g. a netback mapping).
 */
export function parseTableText(text: string): EthtoolRxfh {
  if (/IndirectionTable\s*:/.test(text)) {
    const rss = parseGetNetAdapterRss(text);
    const q = netAdapterRssQueues(rss);
    return {
      table: q.table, rings: q.cpus.length, skipped: rss.skipped,
      source: `Get-NetAdapterRss: queue i = CPU ${q.cpus.map((c, i) => `${i}→${c.group}:${c.number}`).join(', ')}`,
    };
  }
  if (/indirection table|^\s*\d+:\s/m.test(text)) return parseEthtoolX(text);
  const nums = text.split(/[\s,]+/).filter((s) => s !== '');
  if (nums.length === 0 || !nums.every((s) => /^\d+$/.test(s))) throw new SyntaxError('table file is neither `ethtool -x` output nor a list of queue numbers');
  return { table: nums.map(Number) };
}
