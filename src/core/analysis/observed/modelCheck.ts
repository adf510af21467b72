/**
 * The model checked against what the kernel did, flow by flow, from a trace: each (flow, queue, CPU) row carries
 * the queue the kernel used and the hash it used, so the preset's queue for that hash can be compared exactly.
 * - linux-tx: queue = reciprocal_scale(skb->hash, n) (skb_tx_hash), unless XPS maps decide (then the sending CPU's
 *   map: one queue → that queue, several → reciprocal_scale(hash, count) among them, as get_xps_queue).
 * - linux-netfront: queue = skb->hash % n (xennet_select_queue).
 * - nic-rss-toeplitz: the NIC's rx hash equals the Toeplitz hash of the flow under the recorded key and fields,
 *   and the rx queue equals the indirection table's entry for that hash.
 * Pure; the queue numbers compared are measured, the expected ones are the model's.
 */
import { netfrontQueue, nicRssQueue, reciprocalScale, toeplitzHasher, toeplitzInput, parseFlow, xpsChoice, HashFields } from '../../hashing';
import type { TraceFlow } from '../../trace';
import type { RunConfig } from './runConfig';
import { countOf } from '../../text';

export type CheckPreset = 'linux-tx' | 'linux-netfront' | 'nic-rss-toeplitz';

interface ModelDisagreement {
  flow: string;
  localPort: number;
  /** The queue the kernel used (measured, trace). */
  queue: number;
  /** The queue the model gives for the traced hash. */
  expected: number;
  hash: number;
  cpu: number;
  /** For Toeplitz: the hash the model computes (compare with `hash`, the NIC's). */
  expectedHash?: number;
  reason: string;
}

export interface ModelCheck {
  preset: CheckPreset | null;
  /** What decides the queue under this preset on this device ('hash', 'xps', ...), in words. */
  decidedBy: string;
  /** Rows (flow × queue × CPU) checked, how many agreed. */
  checked: number;
  agree: number;
  disagree: ModelDisagreement[];
  /** Why nothing (or not everything) was checked. */
  notChecked?: string;
}

const flowText = (f: TraceFlow): string => `${f.src}:${f.sport} → ${f.dst}:${f.dport}`;

/** The preset that applies to a direction and driver, or why none does. */
function checkPresetFor(direction: 'tx' | 'rx', cfg: RunConfig): { preset: CheckPreset } | { why: string } {
  if (direction === 'tx') return { preset: cfg.driver === 'vif' ? 'linux-netfront' : 'linux-tx' };
  if (cfg.driver === 'veth') return { why: 'veth has no receive-side hashing: its netif_rx carries the sender\'s tx queue, not an rx queue (nothing to check)' };
  if (!cfg.rxfh) return { why: 'no RSS indirection table recorded (ethtool -x): the Toeplitz preset cannot be checked' };
  if (!cfg.rxfh.key) return { why: 'ethtool -x recorded no RSS key: the Toeplitz preset cannot be checked' };
  if (cfg.rxfh.hfunc !== undefined && cfg.rxfh.hfunc !== 'toeplitz') return { why: `the NIC hashes with ${cfg.rxfh.hfunc}, not Toeplitz` };
  return { preset: 'nic-rss-toeplitz' };
}

/** Checks every row of the given flows (one direction) under the preset that applies; n = queues of that side. */
export function modelCheck(flows: Array<TraceFlow & { localPort: number }>, direction: 'tx' | 'rx', n: number, cfg: RunConfig, force?: CheckPreset): ModelCheck {
  const pick = force ? { preset: force } : checkPresetFor(direction, cfg);
  if ('why' in pick) return { preset: null, decidedBy: '-', checked: 0, agree: 0, disagree: [], notChecked: pick.why };
  const preset = pick.preset;
  const out: ModelCheck = { preset, decidedBy: 'hash', checked: 0, agree: 0, disagree: [] };
  if (preset === 'nic-rss-toeplitz') return toeplitzCheck(flows, n, cfg, out);
  const useXps = preset === 'linux-tx' && cfg.xpsSet && cfg.xps !== undefined;
  out.decidedBy = useXps ? 'XPS maps (xps_cpus) where the sending CPU has one; else the hash' : preset === 'linux-tx' ? 'skb->hash: reciprocal_scale(hash, n) (no XPS maps set)' : 'skb->hash % n';
  let skippedNoL4 = 0;
  for (const f of flows) {
    for (const r of f.rows) {
      if (r.rawQueue >= n) continue;
      let expected: number;
      let reason: string;
      if (useXps) {
        const c = xpsChoice(cfg.xps!, r.cpu, n);
        expected = c.byHash ? c.queues[reciprocalScale(r.hash, c.queues.length)] : c.queues[0];
        reason = c.byHash ? `CPU ${r.cpu}'s XPS queues {${c.queues.join(',')}}, picked by reciprocal_scale(hash, ${c.queues.length})` : `CPU ${r.cpu}'s XPS map holds only queue ${c.queues[0]}`;
      } else if (preset === 'linux-tx') {
        expected = reciprocalScale(r.hash, n);
        reason = `reciprocal_scale(0x${r.hash.toString(16).padStart(8, '0')}, ${n}) = ${expected}`;
      } else {
        expected = netfrontQueue(r.hash, n);
        reason = `0x${r.hash.toString(16).padStart(8, '0')} % ${n} = ${expected}`;
      }
      if (!r.l4Hash && r.hash === 0) { skippedNoL4++; continue; }
      out.checked++;
      if (expected === r.rawQueue) out.agree++;
      else {
        out.disagree.push({
          flow: flowText(f), localPort: f.localPort, queue: r.rawQueue, expected, hash: r.hash, cpu: r.cpu,
          reason: `${reason}, but the kernel used ${r.rawQueue}: something else decided (${overrides(cfg)})`,
        });
      }
    }
  }
  if (skippedNoL4 > 0) out.notChecked = `${countOf(skippedNoL4, 'row')} without a hash (0) not checked`;
  return out;
}

/** What may decide a tx queue instead of the hash, as far as the recorded config tells. */
function overrides(cfg: RunConfig): string {
  const o: string[] = [];
  if (cfg.xpsRxqsSet) o.push('xps_rxqs is set');
  if (cfg.xpsSet) o.push('XPS maps are set');
  o.push('tc skbedit/mqprio, a driver ndo_select_queue, or SO_TXHASH');
  return o.join('; ');
}

function toeplitzCheck(flows: Array<TraceFlow & { localPort: number }>, n: number, cfg: RunConfig, out: ModelCheck): ModelCheck {
  const rxfh = cfg.rxfh!;
  const hasher = toeplitzHasher(rxfh.key!);
  out.decidedBy = `Toeplitz (key from ethtool -x) → indirection table of ${rxfh.table.length}`;
  const notes: string[] = [];
  for (const f of flows) {
    if (f.proto !== 6 && f.proto !== 17) continue;
    const v6 = f.src.includes(':');
    const ft = `${f.proto === 6 ? 'tcp' : 'udp'}${v6 ? '6' : '4'}` as 'tcp4' | 'tcp6' | 'udp4';
    const fields: HashFields = cfg.rxFields[ft] ?? (f.proto === 6 ? 4 : 2);
    const parsed = parseFlow({ proto: f.proto === 6 ? 'tcp' : 'udp', src: { ip: f.src, port: f.sport }, dst: { ip: f.dst, port: f.dport } });
    const expectedHash = hasher.hashBytes(toeplitzInput(parsed, fields, rxfh.symmetricXor ?? false));
    for (const r of f.rows) {
      if (r.rawQueue === 0) { notes.push(`${flowText(f)}: rx queue not recorded by the driver`); continue; }
      const queue = r.rawQueue - 1;
      const expected = rxfh.table.length & (rxfh.table.length - 1) ? rxfh.table[expectedHash % rxfh.table.length] : nicRssQueue(expectedHash, rxfh.table);
      out.checked++;
      if (r.hash === expectedHash && expected === queue) { out.agree++; continue; }
      out.disagree.push({
        flow: flowText(f), localPort: f.localPort, queue, expected, hash: r.hash, cpu: r.cpu, expectedHash,
        reason: r.hash !== expectedHash
          ? `the NIC's hash 0x${r.hash.toString(16)} is not the Toeplitz hash 0x${expectedHash.toString(16)} of the ${fields}-tuple under the recorded key`
          : `the hash agrees, but the table sends it to ${expected}, not ${queue} (ntuple rule, aRFS or RSS context?)`,
      });
    }
  }
  if (n < 1) notes.push('no queue count');
  if (notes.length) out.notChecked = notes.slice(0, 3).join('; ');
  return out;
}
