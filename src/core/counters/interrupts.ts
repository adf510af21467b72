// /proc/interrupts: per-queue IRQ vectors by name, summed over CPUs. A proxy for where traffic went (interrupt
// moderation and NAPI polling make it no byte count), so the snapshot is labelled unit 'interrupts'.
import { CounterFormatError, counterValue, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';
import { pickDevice, TcReadOptions } from './tcQdisc';

type Dirs = 'tx' | 'rx' | 'both';
interface Vector { device: string; queue: number; dirs: Dirs; naming: string }

/** One per-queue vector of /proc/interrupts, with its count on each CPU column. */
export interface QueueVector extends Vector {
  /** The IRQ number (the line's label). */
  irq: number;
  /** The name as printed (e.g. `vif26.0-q1`, `eth0 (queue 3)`). */
  name: string;
  /** Interrupts per CPU column, CPU0 first (as many as the line printed). */
  perCpu: number[];
  count: number;
  line: number;
}

/** Every per-queue vector of a /proc/interrupts snapshot, and how many numbered lines matched no queue naming. */
export interface InterruptVectors {
  /** CPU columns of the header; null when the header was cut off (a grep'd excerpt). */
  cpus: number | null;
  vectors: QueueVector[];
  /** Numbered IRQ lines whose name is no per-queue vector (timers, disks, ...): counted, not read. */
  otherLines: number;
}

/** Names of per-queue vectors, first match wins. `chip`: the controller column (e.g. xen-dyn-event). */
const NAMES: Array<(n: string, chip: string) => Vector | undefined> = [
  (n) => { // Chelsio cxgb3/cxgb4: "eth0 (queue 3)" (one vector per queue set)
    const m = /^(\S+) \(queue (\d+)\)$/.exec(n);
    return m ? { device: m[1], queue: +m[2], dirs: 'both', naming: 'DEV (queue N) (Chelsio)' } : undefined;
  },
  (n) => { // virtio_net: virtio0-output.2 / virtio0-input.2
    const m = /^(virtio\d+)-(input|output)\.(\d+)$/.exec(n);
    return m ? { device: m[1], queue: +m[3], dirs: m[2] === 'output' ? 'tx' : 'rx', naming: 'virtioN-output.q / virtioN-input.q' } : undefined;
  },
  (n) => { // mlx5: mlx5_comp5@pci:0000:00:06.0 (one completion vector per channel, tx and rx)
    const m = /^mlx5_comp(\d+)(?:@(.+))?$/.exec(n);
    return m ? { device: m[2] ? `mlx5@${m[2]}` : 'mlx5', queue: +m[1], dirs: 'both', naming: 'mlx5_compN' } : undefined;
  },
  (n) => { // Xen netback / netfront event channels: vif1.0-q2-tx, eth0-q2-rx
    const m = /^(.+)-q(\d+)-(tx|rx)$/.exec(n);
    return m ? { device: m[1], queue: +m[2], dirs: m[3] as Dirs, naming: 'DEV-qN-tx / DEV-qN-rx (Xen)' } : undefined;
  },
  (n, chip) => { // Xen without split event channels: one channel per queue, netback vif26.0-q1, netfront vif0-q1
    const m = /^(.+)-q(\d+)$/.exec(n);
    return m && /xen/i.test(chip) ? { device: m[1], queue: +m[2], dirs: 'both', naming: 'DEV-qN (Xen, one event channel per queue)' } : undefined;
  },
  (n, chip) => { // a single-queue netfront without split channels binds its channel under the netdev's own name
    const m = /^((?:eth|en|vif|xenbr)[\w.]*)$/.exec(n);
    return m && /xen-dyn-event/i.test(chip) && !/^(xenbus|blkif|hvc|evtchn)/.test(n) ? { device: m[1], queue: 0, dirs: 'both', naming: 'DEV (Xen netfront, one channel)' } : undefined;
  },
  (n) => { // ixgbe, i40e, igb, ena, ...: eth0-TxRx-3, i40e-eth0-TxRx-3, eth0-Tx-Rx-3
    const m = /^(.+?)-(?:TxRx|Tx-Rx|txrx|combined)-(\d+)$/i.exec(n);
    return m ? { device: m[1], queue: +m[2], dirs: 'both', naming: 'DEV-TxRx-N' } : undefined;
  },
  (n) => { // separate vectors: eth0-tx-0 / eth0-rx-0
    const m = /^(.+?)-(tx|rx)-(\d+)$/i.exec(n);
    return m ? { device: m[1], queue: +m[3], dirs: m[2].toLowerCase() as Dirs, naming: 'DEV-tx-N / DEV-rx-N' } : undefined;
  },
];

/** Reads the numbered lines of /proc/interrupts: per-queue vectors with their per-CPU counts. */
export function readInterruptVectors(text: string, file: string): InterruptVectors {
  const lines = text.split(/\r?\n/);
  // the header may be missing from a grep'd excerpt: then the counts are not checked against it
  const head = lines.findIndex((l) => /^\s+CPU\d+/.test(l));
  const cpus = head < 0 ? Infinity : lines[head].trim().split(/\s+/).length;
  const vectors: QueueVector[] = [];
  let otherLines = 0;
  for (let i = Math.max(0, head + 1); i < lines.length; i++) {
    const m = /^\s*([^\s:]+):((?:\s+\d+)*)\s*(.*)$/.exec(lines[i]);
    if (!m || !m[2].trim()) continue;
    const counts = m[2].trim().split(/\s+/).map((c) => counterValue(c, file, i + 1, 'an interrupt count'));
    if (counts.length > cpus) throw new CounterFormatError(file, i + 1, `${counts.length} counts for ${cpus} CPUs`);
    const rest = m[3].trim();
    // a Chelsio name has spaces ("eth0 (queue 3)"); every other name is the last word
    const chelsio = /(\S+ \(queue \d+\))$/.exec(rest);
    const name = chelsio ? chelsio[1] : rest.split(/\s+/).pop() ?? '';
    // the controller column, spaces dropped (newer kernels print `xen-dyn    -event`)
    const chip = rest.slice(0, rest.length - name.length).replace(/\s+/g, '');
    let v: Vector | undefined;
    for (const f of NAMES) if ((v = f(name, chip))) break;
    if (v && /^\d+$/.test(m[1])) {
      vectors.push({ ...v, irq: +m[1], name, perCpu: counts, count: counts.reduce((a, b) => a + b, 0), line: i + 1 });
    } else if (/^\d+$/.test(m[1])) otherLines++;
  }
  return { cpus: head < 0 ? null : cpus, vectors, otherLines };
}

export function readInterrupts(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const { vectors } = readInterruptVectors(text, file);
  const device = pickDevice([...new Set(vectors.map((v) => v.device))], file, opts.device, '/proc/interrupts');
  const devs = [...new Set(vectors.map((v) => v.device))];
  if (vectors.length === 0) throw new NoQueueCountersError(file, 'no per-queue interrupt vectors (names like eth0-TxRx-3, virtio0-output.2, mlx5_comp5, vif1.0-q2-tx)');
  if (device === undefined && devs.length > 1) {
    throw new CounterFormatError(file, 0, `per-queue vectors of several devices (${devs.join(', ')}): choose one (--dev)`);
  }
  const dev = device ?? devs[0];
  const tx = new Map<number, QueueCounter>();
  const rx = new Map<number, QueueCounter>();
  let shared = false;
  for (const v of vectors) {
    if (v.device !== dev) continue;
    if (v.dirs === 'both') shared = true;
    for (const [dir, m] of [['tx', tx], ['rx', rx]] as const) {
      if (v.dirs !== 'both' && v.dirs !== dir) continue;
      const c = m.get(v.queue) ?? { queue: v.queue, packets: null, bytes: null, interrupts: 0, line: v.line };
      c.interrupts = (c.interrupts ?? 0) + v.count;
      m.set(v.queue, c);
    }
  }
  const warnings = shared ? ['one vector serves tx and rx of a queue: its interrupts are listed under both'] : [];
  const naming = [...new Set(vectors.filter((v) => v.device === dev).map((v) => v.naming))].join('; ');
  const dense = (m: Map<number, QueueCounter>): QueueCounter[] => denseQueues(m, file).map((c) => ({ ...c, interrupts: c.interrupts ?? 0 }));
  return { source: 'interrupts', unit: 'interrupts', device: dev, naming, tx: dense(tx), rx: dense(rx), warnings };
}
