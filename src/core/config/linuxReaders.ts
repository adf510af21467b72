// Linux snapshots of a queue setup: `ethtool -l`, /proc/irq/*/smp_affinity(_list), the XPS/RPS masks under
// /sys/class/net/DEV/queues, ynl netdev queue-get / napi-get.
import { Channels, ConfigFormatError, ConfigPiece, parseCpuList, parseCpuMask, textLines } from './model';
import { errorMessage } from '../text';

export function looksLikeEthtoolChannels(text: string): boolean {
  return /^Channel parameters for \S+:/m.test(text) || (/^Pre-set maximums:/m.test(text) && /^Combined:/m.test(text));
}

/** `ethtool -l DEV`: the pre-set maximums and the current settings (n/a → null). */
export function readEthtoolChannels(text: string, file: string): ConfigPiece & { kind: 'ethtool-channels' } {
  const empty = (): Channels => ({ rx: null, tx: null, other: null, combined: null });
  const max = empty();
  const current = empty();
  let device: string | null = null;
  let section: Channels | undefined;
  let unknownLines = 0;
  textLines(text).forEach((l, i) => {
    const t = l.trim();
    if (t === '') return;
    const dev = /^Channel parameters for (\S+):$/.exec(t);
    if (dev) { device = dev[1]; return; }
    if (/^Pre-set maximums:$/.test(t)) { section = max; return; }
    if (/^Current hardware settings:$/.test(t)) { section = current; return; }
    const m = /^(RX|TX|Other|Combined):\s*(\d+|n\/a)$/.exec(t);
    if (!m) { unknownLines++; return; }
    if (!section) throw new ConfigFormatError(file, i + 1, `"${t}" before "Pre-set maximums:" or "Current hardware settings:"`);
    const key = m[1].toLowerCase() as keyof Channels;
    section[key] = m[2] === 'n/a' ? null : Number(m[2]);
  });
  return { kind: 'ethtool-channels', file, unknownLines, device, max, current };
}

const AFFINITY = /^(?:.*\/)?(\d+)\/(smp_affinity_list|smp_affinity|effective_affinity_list|effective_affinity):\s*(\S*)\s*$/;

export function looksLikeIrqAffinity(text: string): boolean {
  return textLines(text).some((l) => AFFINITY.test(l.trim()));
}

/**
 * `grep . /proc/irq/*\/smp_affinity_list` (or smp_affinity masks, or effective_affinity*): which CPUs each IRQ may
 * go to. Where a snapshot has both, the effective affinity (where the kernel actually sends it) wins.
 */
export function readIrqAffinity(text: string, file: string): ConfigPiece & { kind: 'irq-affinity' } {
  const allowed = new Map<number, number[]>();
  const effective = new Map<number, number[]>();
  let unknownLines = 0;
  textLines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    const m = AFFINITY.exec(l.trim());
    if (!m) { unknownLines++; return; }
    const cpus = m[2].endsWith('_list') ? parseCpuList(m[3]) : parseCpuMask(m[3]);
    if (!cpus) throw new ConfigFormatError(file, i + 1, `"${m[3]}" is not a CPU ${m[2].endsWith('_list') ? 'list' : 'mask'}`);
    (m[2].startsWith('effective') ? effective : allowed).set(+m[1], cpus);
  });
  const irqs = [...new Set([...allowed.keys(), ...effective.keys()])].sort((a, b) => a - b);
  return { kind: 'irq-affinity', file, unknownLines, affinity: irqs.map((irq) => ({ irq, cpus: effective.get(irq) ?? allowed.get(irq) ?? [] })) };
}

const MASK = /^(?:(?:.*\/)?([^/\s]+)\/queues\/)?(?:.*\/)?(tx|rx)-(\d+)\/(xps_cpus|xps_rxqs|rps_cpus):\s*(\S*)\s*$/;

export function looksLikeQueueMasks(text: string): boolean {
  return textLines(text).some((l) => MASK.test(l.trim()));
}

/** `grep . /sys/class/net/DEV/queues/*\/{xps_cpus,xps_rxqs,rps_cpus}` (full or relative paths). */
export function readQueueMasks(text: string, file: string): ConfigPiece & { kind: 'queue-masks' } {
  const masks: Array<ConfigPiece & { kind: 'queue-masks' }>['0']['masks'] = [];
  let device: string | null = null;
  let unknownLines = 0;
  textLines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    const m = MASK.exec(l.trim());
    // the other files of a queue folder (tx_maxrate, tx_timeout, traffic_class, rps_flow_cnt, byte_queue_limits/*)
    // are known and say nothing about CPUs
    if (!m) { if (!/(^|\/)(tx|rx)-\d+\/[\w/]+:/.test(l.trim())) unknownLines++; return; }
    if (m[1]) device = m[1];
    const bits = parseCpuMask(m[5] === '' ? '0' : m[5]);
    if (!bits) throw new ConfigFormatError(file, i + 1, `"${m[5]}" is not a mask`);
    masks.push({ dir: m[2] as 'tx' | 'rx', queue: +m[3], file: m[4] as 'xps_cpus' | 'xps_rxqs' | 'rps_cpus', bits });
  });
  return { kind: 'queue-masks', file, unknownLines, device, masks };
}

/** The flat `{...}` objects of ynl output (Python repr or JSON), with their lines. */
function ynlObjects(text: string, file: string): Array<{ obj: Record<string, unknown>; line: number }> {
  const out: Array<{ obj: Record<string, unknown>; line: number }> = [];
  const re = /\{[^{}]*\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    const json = m[0].replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
    try {
      out.push({ obj: JSON.parse(json) as Record<string, unknown>, line });
    } catch (e) {
      throw new ConfigFormatError(file, line, `not a ynl entry (${errorMessage(e)})`);
    }
  }
  return out;
}

export function looksLikeYnl(text: string): 'ynl-queues' | 'ynl-napi' | undefined {
  if (!/^\s*\[?\s*\{/.test(text)) return undefined;
  if (/['"]napi-id['"]/.test(text) && /['"]type['"]\s*:\s*['"](rx|tx)['"]/.test(text)) return 'ynl-queues';
  if (/['"]irq['"]\s*:/.test(text) && !/['"]type['"]\s*:/.test(text)) return 'ynl-napi';
  return undefined;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** `ynl --family netdev --dump queue-get`: each queue's type, ifindex and NAPI id. */
export function readYnlQueues(text: string, file: string): ConfigPiece & { kind: 'ynl-queues' } {
  const queues: Array<ConfigPiece & { kind: 'ynl-queues' }>['0']['queues'] = [];
  let unknownLines = 0;
  for (const { obj, line } of ynlObjects(text, file)) {
    const id = int(obj.id);
    const ifindex = int(obj.ifindex);
    if (id === null || ifindex === null || (obj.type !== 'rx' && obj.type !== 'tx')) {
      if (Object.keys(obj).length) unknownLines++;
      else throw new ConfigFormatError(file, line, 'an empty queue entry');
      continue;
    }
    queues.push({ id, type: obj.type, ifindex, napiId: int(obj['napi-id']) });
  }
  return { kind: 'ynl-queues', file, unknownLines, queues };
}

/** `ynl --family netdev --dump napi-get`: each NAPI instance's IRQ (and its thread's pid when threaded). */
export function readYnlNapi(text: string, file: string): ConfigPiece & { kind: 'ynl-napi' } {
  const napis: Array<ConfigPiece & { kind: 'ynl-napi' }>['0']['napis'] = [];
  let unknownLines = 0;
  for (const { obj } of ynlObjects(text, file)) {
    const id = int(obj.id);
    const ifindex = int(obj.ifindex);
    if (id === null || ifindex === null) { unknownLines++; continue; }
    napis.push({ id, ifindex, irq: int(obj.irq), pid: int(obj.pid) });
  }
  return { kind: 'ynl-napi', file, unknownLines, napis };
}
