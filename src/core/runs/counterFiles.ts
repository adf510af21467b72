/**
 * A run's per-queue counter snapshots: finding them beside a log or in a run folder, and reading them (each file
 * once, through inputFiles' counters cap) into per-queue deltas. The one route for counter files: `queue-lens
 * counters`, `observed`, the sweep and the editor's worker all read them here.
 * Beside a log `X.iperf.log`: `X.tc.txt` (one snapshot), `X.before.txt` + `X.after.txt`, `X.tc.before.txt` +
 * `X.tc.after.txt`, also in a `tc/` or `counters/` subfolder. In a run folder: `qdisc-before.txt` +
 * `qdisc-after.txt`, `ethtool-before.txt` + `ethtool-after.txt`, `class-after.txt`, ... (KIND-before/after).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  counterDelta, CounterFormatError, CounterSnapshot, NoQueueCountersError, parseSysfsListing, readCounters, readSysfsQueues,
} from '../counters';
import { tcBlocks } from '../counters/tcStats';
import { listInputDirs, listInputFiles, readInputText } from './inputFiles';

export interface CounterFiles {
  after: string;
  before?: string;
}

export interface RunCounters {
  files: CounterFiles;
  /** after − before, or the single snapshot (counts since the qdisc or driver started). */
  delta: CounterSnapshot;
  /** The snapshots as read (a time series starts at `before` and ends at `after`). */
  snaps: { after: CounterSnapshot; before?: CounterSnapshot };
}

/** How to read a snapshot: which device, and the run's tx queue count when something else says it (a sweep's n, run.json's config). */
export interface CounterReadOptions {
  device?: string;
  txQueues?: number;
}

const KINDS = 'tc|qdisc|class|ethtool|counters|qstats|interrupts|stats';
/** Preferred first: byte counters that see every packet of a queue. */
const SOURCE_ORDER: Record<string, number> = { 'tc-qdisc': 0, 'tc-class': 1, qstats: 2, ethtool: 3, sysfs: 4, interrupts: 5 };
const SUBDIRS = ['', 'tc', 'counters'];

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A log's name without its log extensions: `q5-t2.iperf.log` → `q5-t2`. */
export function logStem(file: string): string {
  return path.basename(file).replace(/(\.iperf)?\.(log|json|txt|out|iperf)$/i, '');
}

/** Folder listings (confined: links stay inside the root), remembered so a sweep lists each folder once. */
export interface FolderLister {
  files(dir: string, root: string): string[];
  dirs(dir: string): string[];
  /** The files whose lower-case name starts with `prefix` (lower case), found by binary search: no scan per log. */
  prefixed(dir: string, root: string, prefix: string): string[];
}

/** A lister that lists each folder once and remembers it (a sweep of 8 000 logs must not list 8 000 times). */
export function folderLister(): FolderLister {
  const files = new Map<string, string[]>();
  const dirs = new Map<string, string[]>();
  const lowered = new Map<string, Array<[string, string]>>();
  const list = (dir: string, root: string): string[] => {
    const key = `${dir}\0${root}`;
    let v = files.get(key);
    if (!v) files.set(key, (v = listInputFiles(dir, root)));
    return v;
  };
  return {
    files: list,
    prefixed: (dir, root, prefix) => {
      const key = `${dir}\0${root}`;
      let v = lowered.get(key);
      if (!v) lowered.set(key, (v = list(dir, root).map((n): [string, string] => [n.toLowerCase(), n]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))));
      let lo = 0;
      let hi = v.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v[mid][0] < prefix) lo = mid + 1;
        else hi = mid;
      }
      const out: string[] = [];
      for (let i = lo; i < v.length && v[i][0].startsWith(prefix); i++) out.push(v[i][1]);
      return out.sort();
    },
    dirs: (dir) => {
      let v = dirs.get(dir);
      if (!v) dirs.set(dir, (v = listInputDirs(dir)));
      return v;
    },
  };
}

/** A counter file by its name alone: X.before.txt, X.tc.txt, qdisc-after.txt, X.tc.after.json, ... */
export function isCounterFileName(name: string): boolean {
  return new RegExp(`^[^]+?[.\\-_](?:(?:${KINDS})[.\\-_]?)?(?:before|after)\\.(txt|json)$`, 'i').test(name) ||
    new RegExp(`^[^]+\\.(?:${KINDS})\\.(txt|json)$`, 'i').test(name);
}

/** Candidate counter file sets for `stem` (a log's stem; '' for a run folder's KIND-before/after files). */
export function counterCandidates(dir: string, stem: string, list: FolderLister = folderLister()): CounterFiles[] {
  const out: CounterFiles[] = [];
  const subdirs = list.dirs(dir);
  for (const sub of SUBDIRS) {
    const d = path.join(dir, sub);
    // a `tc/` or `counters/` link, and a file link in either, count only when they stay inside the run folder
    if (sub !== '' && !subdirs.includes(sub)) continue;
    const names = stem === '' ? list.files(d, dir) : list.prefixed(d, dir, stem.toLowerCase());
    const pre = stem === '' ? '' : `${esc(stem)}[.\\-_]`;
    const pair = new RegExp(`^${pre}(?:(${KINDS})[.\\-_]?)?(before|after)\\.(txt|json)$`, 'i');
    const single = stem === ''
      ? new RegExp(`^(?:[\\w-]+\\.)?(?:${KINDS})\\.(txt|json)$`, 'i')
      : new RegExp(`^${esc(stem)}\\.(?:${KINDS})\\.(txt|json)$`, 'i');
    const groups = new Map<string, { before?: string; after?: string }>();
    for (const n of names) {
      const m = pair.exec(n);
      if (m && (stem !== '' || m[1])) {
        const g = groups.get((m[1] ?? '').toLowerCase()) ?? {};
        g[m[2].toLowerCase() as 'before' | 'after'] = path.join(d, n);
        groups.set((m[1] ?? '').toLowerCase(), g);
      } else if (single.test(n)) out.push({ after: path.join(d, n) });
    }
    for (const g of groups.values()) if (g.after) out.push(g.before ? { after: g.after, before: g.before } : { after: g.after });
  }
  // pairs before single snapshots
  return out.sort((a, b) => Number(b.before !== undefined) - Number(a.before !== undefined));
}

/**
 * `tc -s qdisc` of a device with one tx queue: the kernel attaches no mq there, so the root qdisc (fq_codel,
 * pfifo_fast, noqueue, ...) is that one queue's qdisc and its Sent line that queue's counters. Only used when the run
 * says it had one tx queue; on a multi-queue device a non-mq root is shared by all queues and tells nothing per queue.
 */
function oneQueueQdisc(text: string, file: string, device: string | undefined): CounterSnapshot | undefined {
  const roots = tcBlocks(text, 'qdisc', file).blocks.filter((b) => b.root && (device === undefined || b.dev === undefined || b.dev === device));
  if (roots.length !== 1 || roots[0].bytes === undefined) return undefined;
  const r = roots[0];
  return {
    source: 'tc-qdisc', unit: 'traffic', device: r.dev ?? device ?? null,
    naming: `${r.kind} root of a one-queue device (no mq): tx queue 0`,
    tx: [{ queue: 0, packets: r.packets ?? null, bytes: r.bytes ?? null, line: r.line }], rx: [], warnings: [],
  };
}

/** One snapshot's text read as counters: any known format, a saved sysfs listing, a one-queue device's root qdisc. */
function countersFromText(text: string, file: string, opts: CounterReadOptions = {}): CounterSnapshot {
  if (/^(tx|rx)-\d+\//m.test(text)) return readSysfsQueues(parseSysfsListing(text), file, opts.device ?? null);
  try {
    return readCounters(text, file, { device: opts.device });
  } catch (e) {
    if (e instanceof NoQueueCountersError && opts.txQueues === 1) {
      const one = oneQueueQdisc(text, file, opts.device);
      if (one) return one;
    }
    throw e;
  }
}

/** A counter file (read once, within the counters cap). */
export function readCounterFile(file: string, opts: CounterReadOptions = {}): CounterSnapshot {
  return countersFromText(readInputText(file, 'counters'), file, opts);
}

/**
 * A /sys/class/net/DEV folder or its queues/ folder: the queue count (sysfs keeps no per-queue traffic counters).
 * Its files are listed and read with the same caps and link rule as every run input.
 */
function readSysfsFolder(dir: string): CounterSnapshot {
  const q = listInputDirs(dir).includes('queues') ? path.join(dir, 'queues') : dir;
  const files = new Map<string, string>();
  for (const d of listInputDirs(q)) {
    for (const f of listInputFiles(path.join(q, d), q)) {
      try { files.set(`${d}/${f}`, readInputText(path.join(q, d, f), 'counters').trim()); } catch { files.set(`${d}/${f}`, ''); }
    }
  }
  const dev = q === dir ? path.basename(path.dirname(dir)) : path.basename(dir);
  return readSysfsQueues(files, dir, dev);
}

/** A counter file, or a sysfs device/queues folder. */
export function readCounterPath(file: string, opts: CounterReadOptions = {}): CounterSnapshot {
  let dir = false;
  try { dir = fs.statSync(file).isDirectory(); } catch { /* readCounterFile names the file */ }
  return dir ? readSysfsFolder(file) : readCounterFile(file, opts);
}

/** Reads one candidate: its delta, or throws (CounterFormatError naming the file and line). `opts` may be the device's name. */
export function readCounterFiles(files: CounterFiles, options: CounterReadOptions | string = {}): RunCounters {
  const opts = typeof options === 'string' ? { device: options } : options;
  const after = readCounterPath(files.after, opts);
  if (!files.before) return { files, delta: after, snaps: { after } };
  const before = readCounterPath(files.before, opts);
  return { files, delta: counterDelta({ snap: before, file: files.before }, { snap: after, file: files.after }), snaps: { after, before } };
}

/**
 * The best of several candidates: byte counters before interrupts, pairs before single snapshots. Candidates that
 * have no per-queue counters (veth's XDP-only ethtool, a single-queue qdisc) are skipped with a warning; a candidate
 * that is malformed (counters going down, other device) is an error.
 */
export function bestCounters(candidates: readonly CounterFiles[], opts: CounterReadOptions & { lenient?: boolean } = {}): { counters?: RunCounters; warnings: string[] } {
  const warnings: string[] = [];
  const found: RunCounters[] = [];
  for (const c of candidates) {
    try {
      found.push(readCounterFiles(c, opts));
    } catch (e) {
      if (e instanceof NoQueueCountersError) { warnings.push(e.message); continue; }
      if (e instanceof CounterFormatError && /unknown counter format/.test(e.reason)) { warnings.push(`${e.message}; skipped`); continue; }
      // a recorded run snapshots every source it can: one that does not know the device is skipped, not fatal
      if (opts.lenient && e instanceof CounterFormatError) { warnings.push(`${e.message}; skipped`); continue; }
      throw e;
    }
  }
  found.sort((a, b) =>
    Number(a.delta.unit === 'interrupts') - Number(b.delta.unit === 'interrupts') ||
    Number(a.files.before === undefined) - Number(b.files.before === undefined) ||
    SOURCE_ORDER[a.delta.source] - SOURCE_ORDER[b.delta.source]);
  // files without per-queue counters matter only when nothing better was found
  return found.length > 0 ? { counters: found[0], warnings: [] } : { warnings };
}

/** The best counters found beside a log (`stem`) or in a run folder (`''`); `opts` may be just the device's name. */
export function findRunCounters(dir: string, stem: string, opts: CounterReadOptions | string = {}, list?: FolderLister): { counters?: RunCounters; warnings: string[] } {
  return bestCounters(counterCandidates(dir, stem, list), typeof opts === 'string' ? { device: opts } : opts);
}
