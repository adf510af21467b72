// /sys/class/net/DEV/queues/: one folder per queue (tx-N, rx-N). The kernel keeps no per-queue traffic counter
// there (only xps_cpus, tx_maxrate, tx_timeout, byte_queue_limits), so it tells the queue count and nothing more.
import { NoQueueCountersError } from './model';
import { maxOf } from '../analysis/stats/extremes';

/** `files`: path relative to queues/ (e.g. "tx-3/tx_timeout") → content. */
export function sysfsQueueCounts(files: ReadonlyMap<string, string>): { tx: number; rx: number } {
  const count = (dir: 'tx' | 'rx'): number => {
    const qs = new Set<number>();
    for (const p of files.keys()) {
      const m = new RegExp(`^${dir}-(\\d+)(?:/|$)`).exec(p);
      if (m) qs.add(Number(m[1]));
    }
    return qs.size === 0 ? 0 : maxOf(qs) + 1;
  };
  return { tx: count('tx'), rx: count('rx') };
}

/** Always throws: the queue count is all sysfs can tell, and the error says so. */
export function readSysfsQueues(files: ReadonlyMap<string, string>, where: string, device: string | null): never {
  const { tx, rx } = sysfsQueueCounts(files);
  if (tx === 0 && rx === 0) throw new NoQueueCountersError(where, 'no tx-N or rx-N queue folders: not /sys/class/net/DEV/queues');
  throw new NoQueueCountersError(
    where,
    `${device ?? 'the device'} has ${tx} tx and ${rx} rx queues, but sysfs keeps no per-queue packet or byte counters ` +
      '(only xps_cpus, tx_maxrate, tx_timeout, byte_queue_limits): read ethtool -S, tc -s qdisc or qstats instead',
  );
}

/** The listing form `tx-0/tx_timeout: 0` (one line per file, as `grep -r . queues/` prints with ':' separators). */
export function parseSysfsListing(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of text.split(/\r?\n/)) {
    const x = /^((?:tx|rx)-\d+(?:\/[\w/]+)?):\s*(.*)$/.exec(l.trim());
    if (x) m.set(x[1], x[2]);
  }
  return m;
}
