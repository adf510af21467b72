// Which tool printed a counter file, from its content alone; and one entry point that reads any of them.
import { readEthtool } from './ethtool';
import { firstNonBlankLine } from './lines';
import { readInterrupts } from './interrupts';
import { CounterFormatError, CounterSnapshot, CounterSource } from './model';
import { readQstats } from './qstats';
import { parseSysfsListing, readSysfsQueues } from './sysfs';
import { readTcClass } from './tcClass';
import { readTcQdisc, TcReadOptions } from './tcQdisc';

export function detectCounterFormat(text: string): CounterSource | undefined {
  const head = text.slice(0, 64 * 1024);
  // [ \t] rather than \s inside multi-line patterns: \s also matches newlines, and a head of 64 KiB of newlines
  // would then cost quadratic time at every line start
  if (/^\s*[[{]/.test(head) && /['"]queue-type['"]|['"]ifindex['"]/.test(head)) return 'qstats';
  if (/^qdisc[ \t]+\S+[ \t]+[0-9a-f]*:/m.test(head)) return 'tc-qdisc';
  if (/^class[ \t]+\S+[ \t]+[0-9a-f]*:[0-9a-f]*/m.test(head)) return 'tc-class';
  if (/^[ \t]+CPU\d+([ \t]+CPU\d+)*[ \t]*\r?$/m.test(head) || /^[ \t]*\d+:([ \t]+\d+)+[ \t]+\S[^\n]*[ \t](\S+-q\d+-(tx|rx)|virtio\d+-(input|output)\.\d+|\S+-TxRx-\d+|mlx5_comp\d+\S*)[ \t]*\r?$/m.test(head)) return 'interrupts';
  if (/^(tx|rx)-\d+\/\w+:/m.test(head)) return 'sysfs';
  if (/^NIC statistics:/m.test(head) || /^[ \t]*[^\s:][^:\n]*:[ \t]+-?\d+[ \t]*\r?$/m.test(head)) return 'ethtool';
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
      throw new CounterFormatError(file, firstNonBlankLine(text),
        'unknown counter format (expected ethtool -S, tc -s qdisc, tc -s class, /proc/interrupts or ynl qstats-get output)');
    }
  }
}
