// /proc/interrupts: per-queue IRQ vectors by name, summed over CPUs. A proxy for where traffic went (interrupt
// moderation and NAPI polling make it no byte count), so the snapshot is labelled unit 'interrupts'.
import { CounterFormatError, counterValue, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';
import { pickDevice, TcReadOptions } from './tcQdisc';

type Dirs = 'tx' | 'rx' | 'both';
interface Vector { device: string; queue: number; dirs: Dirs; naming: string }

/** Names of per-queue vectors, first match wins. */
const NAMES: Array<(n: string) => Vector | undefined> = [
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
  (n) => { // ixgbe, i40e, igb, ena, ...: eth0-TxRx-3, i40e-eth0-TxRx-3, eth0-Tx-Rx-3
    const m = /^(.+?)-(?:TxRx|Tx-Rx|txrx|combined)-(\d+)$/i.exec(n);
    return m ? { device: m[1], queue: +m[2], dirs: 'both', naming: 'DEV-TxRx-N' } : undefined;
  },
  (n) => { // separate vectors: eth0-tx-0 / eth0-rx-0
    const m = /^(.+?)-(tx|rx)-(\d+)$/i.exec(n);
    return m ? { device: m[1], queue: +m[3], dirs: m[2].toLowerCase() as Dirs, naming: 'DEV-tx-N / DEV-rx-N' } : undefined;
  },
];

export function readInterrupts(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const lines = text.split(/\r?\n/);
  // the header may be missing from a grep'd excerpt: then the counts are not checked against it
  const head = lines.findIndex((l) => /^\s+CPU\d+/.test(l));
  const cpus = head < 0 ? Infinity : lines[head].trim().split(/\s+/).length;
  const vectors: Array<Vector & { count: number; line: number }> = [];
  for (let i = Math.max(0, head + 1); i < lines.length; i++) {
    const m = /^\s*([^\s:]+):((?:\s+\d+)*)\s*(.*)$/.exec(lines[i]);
    if (!m || !m[2].trim()) continue;
    const counts = m[2].trim().split(/\s+/).map((c) => counterValue(c, file, i + 1, 'an interrupt count'));
    if (counts.length > cpus) throw new CounterFormatError(file, i + 1, `${counts.length} counts for ${cpus} CPUs`);
    const name = m[3].trim().split(/\s+/).pop() ?? '';
    let v: Vector | undefined;
    for (const f of NAMES) if ((v = f(name))) break;
    if (v) vectors.push({ ...v, count: counts.reduce((a, b) => a + b, 0), line: i + 1 });
  }
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
