// `tc -s class show [dev DEV]`: `class mq R:q root` is tx queue q-1 (its `leaf` qdisc carries the queue's traffic).
import { CounterFormatError, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';
import { pickDevice, TcReadOptions } from './tcQdisc';
import { devicesOf, splitHandle, tcBlocks } from './tcStats';

export function readTcClass(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const { blocks } = tcBlocks(text, 'class', file);
  if (blocks.length === 0) throw new CounterFormatError(file, 0, 'no "class KIND HANDLE ..." line: not tc -s class output');
  let mq = blocks.filter((b) => b.kind === 'mq');
  const device = pickDevice(devicesOf(blocks), file, opts.device, 'tc -s class');
  if (device !== undefined) mq = mq.filter((b) => b.dev === undefined || b.dev === device);
  const devs = devicesOf(mq);
  if (device === undefined && devs.length > 1) {
    throw new CounterFormatError(file, mq[0].line, `mq classes of several devices (${devs.join(', ')}): save one device's output (tc -s class show dev DEV)`);
  }
  if (mq.length === 0) {
    const kinds = [...new Set(blocks.map((b) => b.kind))].join(', ');
    throw new NoQueueCountersError(file, `no per-queue classes: no "class mq" (classes here: ${kinds}) — one tx queue, or no mq root`);
  }
  const m = new Map<number, QueueCounter>();
  const warnings: string[] = [];
  for (const b of mq) {
    const queue = splitHandle(b.handle).minor - 1;
    if (queue < 0) { warnings.push(`line ${b.line}: mq class ${b.handle} has no queue number; skipped`); continue; }
    if (m.has(queue)) throw new CounterFormatError(file, b.line, `a second mq class for tx queue ${queue}`);
    if (b.bytes === undefined) { warnings.push(`line ${b.line}: class mq ${b.handle} without a "Sent" line (tc without -s?)`); continue; }
    m.set(queue, { queue, packets: b.packets ?? null, bytes: b.bytes, line: b.line });
  }
  if (m.size === 0) throw new NoQueueCountersError(file, 'the mq classes have no "Sent" counters (use tc -s)');
  const others = blocks.length - mq.length;
  if (others > 0) warnings.push(`${others} class${others === 1 ? '' : 'es'} below the queues (e.g. htb) not read as queues`);
  return { source: 'tc-class', unit: 'traffic', device: mq[0].dev ?? device ?? null, naming: 'class mq R:q = tx queue q-1', tx: denseQueues(m, file), rx: [], warnings };
}
