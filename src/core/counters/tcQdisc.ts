// `tc -s qdisc show [dev DEV]`: the per-queue children of an `mq` (or `mqprio`) root are the tx queues,
// `parent R:q` (q in hex) being tx queue q-1; tc lists them in hash order, not queue order.
import { CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter, CounterFormatError } from './model';
import { devicesOf, splitHandle, tcBlocks } from './tcStats';

const MULTIQUEUE_ROOTS = new Set(['mq', 'mqprio', 'taprio']);

export interface TcReadOptions {
  /** Which device, when the text holds several (`tc -s qdisc show` without `dev`). */
  device?: string;
}

export function pickDevice(devs: string[], file: string, want: string | undefined, what: string): string | undefined {
  if (want !== undefined) {
    if (devs.length > 0 && !devs.includes(want)) throw new CounterFormatError(file, 0, `no device ${want} in this ${what} output (it has ${devs.join(', ')})`);
    return want;
  }
  return devs.length === 1 ? devs[0] : undefined;
}

export function readTcQdisc(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const { blocks } = tcBlocks(text, 'qdisc', file);
  if (blocks.length === 0) throw new CounterFormatError(file, 0, 'no "qdisc KIND HANDLE: ..." line: not tc -s qdisc output');
  const warnings: string[] = [];
  let roots = blocks.filter((b) => b.root && MULTIQUEUE_ROOTS.has(b.kind));
  const devsWithMq = devicesOf(roots);
  const device = pickDevice(devicesOf(blocks), file, opts.device, 'tc -s qdisc');
  if (device !== undefined) roots = roots.filter((r) => r.dev === undefined || r.dev === device);
  else if (devsWithMq.length > 1) {
    throw new CounterFormatError(file, roots[1].line, `several devices with a multi-queue root (${devsWithMq.join(', ')}): save one device's output (tc -s qdisc show dev DEV)`);
  }
  if (roots.length === 0) {
    const root = blocks.find((b) => b.root && (device === undefined || b.dev === device));
    throw new NoQueueCountersError(file, `no per-queue qdiscs: the root qdisc is ${root ? `${root.kind} (line ${root.line})` : 'not shown'}, not mq — one tx queue, or the queues share one qdisc`);
  }
  const root = roots[0];
  const rootMajor = splitHandle(root.handle).major;
  const m = new Map<number, QueueCounter>();
  for (const b of blocks) {
    if (b === root || !b.parent || (root.dev !== undefined && b.dev !== root.dev)) continue;
    const p = splitHandle(b.parent);
    if (p.major !== rootMajor || p.minor < 1) continue;
    const queue = p.minor - 1;
    if (m.has(queue)) throw new CounterFormatError(file, b.line, `a second qdisc under ${b.parent} (tx queue ${queue})`);
    if (b.bytes === undefined) { warnings.push(`line ${b.line}: qdisc ${b.kind} ${b.handle} without a "Sent" line (tc without -s?)`); continue; }
    m.set(queue, { queue, packets: b.packets ?? null, bytes: b.bytes, line: b.line });
  }
  if (m.size === 0) throw new NoQueueCountersError(file, `the ${root.kind} root (line ${root.line}) has no child qdiscs with "Sent" counters (use tc -s)`);
  return { source: 'tc-qdisc', unit: 'traffic', device: root.dev ?? device ?? null, naming: `${root.kind} root, parent ${root.handle}q = tx queue q-1`, tx: denseQueues(m, file), rx: [], warnings };
}
