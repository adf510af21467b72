// Which tool printed a counter file, from its content alone; and one entry point that reads any of them.
import { readEthtool } from './ethtool';
import { readInterrupts } from './interrupts';
import { CounterFormatError, CounterSnapshot, CounterSource } from './model';
import { readQstats } from './qstats';
import { parseSysfsListing, readSysfsQueues } from './sysfs';
import { readTcClass } from './tcClass';
import { readTcQdisc, TcReadOptions } from './tcQdisc';

export function detectCounterFormat(text: string): CounterSource | undefined {
  const head = text.slice(0, 64 * 1024);
  if (/^\s*[[{]/.test(head) && /['"]queue-type['"]|['"]ifindex['"]/.test(head)) return 'qstats';
  if (/^qdisc\s+\S+\s+[0-9a-f]*:/m.test(head)) return 'tc-qdisc';
  if (/^class\s+\S+\s+[0-9a-f]*:[0-9a-f]*/m.test(head)) return 'tc-class';
  if (/^\s+CPU\d+(\s+CPU\d+)*\s*$/m.test(head) || /^\s*\d+:(\s+\d+)+\s+\S.*\s(\S+-q\d+-(tx|rx)|virtio\d+-(input|output)\.\d+|\S+-TxRx-\d+|mlx5_comp\d+\S*)\s*$/m.test(head)) return 'interrupts';
  if (/^(tx|rx)-\d+\/\w+:/m.test(head)) return 'sysfs';
  if (/^NIC statistics:/m.test(head) || /^\s*[^\s:][^:]*:\s+-?\d+\s*$/m.test(head)) return 'ethtool';
  return undefined;
}

/**
 * Reads a counter file of any known format. Throws CounterFormatError (unknown format, bad content, naming file
 * and line) or NoQueueCountersError (the format is known but has no per-queue counters).
 */
export function readCounters(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const format = detectCounterFormat(text);
  switch (format) {
    case 'qstats': return readQstats(text, file, opts);
    case 'tc-qdisc': return readTcQdisc(text, file, opts);
    case 'tc-class': return readTcClass(text, file, opts);
    case 'interrupts': return readInterrupts(text, file, opts);
    case 'sysfs': return readSysfsQueues(parseSysfsListing(text), file, opts.device ?? null);
    case 'ethtool': return readEthtool(text, file);
    default: {
      const first = text.split(/\r?\n/).findIndex((l) => l.trim() !== '');
      throw new CounterFormatError(file, first + 1,
        'unknown counter format (expected ethtool -S, tc -s qdisc, tc -s class, /proc/interrupts or ynl qstats-get output)');
    }
  }
}
