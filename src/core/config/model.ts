// What the queue-configuration readers find in a snapshot, one piece per file, before they are put together.
import type { InterruptVectors } from '../counters/interrupts';

/** Whose machine a snapshot is from: a Xen guest (or a plain Linux host), or the backend domain (dom0). */
export type ConfigRole = 'guest' | 'dom0';

/** One vif as xenstore shows it: the frontend's device/vif/N or the backend's backend/vif/D/N. */
export interface XenVif {
  side: 'frontend' | 'backend';
  /** The node's path as far as the dump shows it, e.g. `vif/1/0` or `/local/domain/0/backend/vif/1/0`. */
  path: string;
  /** `multi-queue-max-queues` (backend) or null where not written. */
  maxQueues: number | null;
  /** `multi-queue-num-queues` (frontend) or null where not written. */
  numQueues: number | null;
  /** Backend: `feature-split-event-channels`; frontend: whether it wrote event-channel-tx/-rx. */
  splitEventChannels: boolean | null;
  /** Per-queue keys: `queue-N/...` or, for one queue, the top-level ring refs and channels. */
  queues: Array<{ queue: number; txRingRef: number | null; rxRingRef: number | null; eventChannels: number[] }>;
  line: number;
}

/** A netback kernel thread of one queue (`vif1.0-q3-guest-rx`, `vif1.0-q3-dealloc`; ps cuts names at 15 characters). */
export interface NetbackThread {
  pid: number;
  /** The CPU it last ran on (ps's psr). */
  cpu: number;
  /** ps's %CPU: CPU time over the thread's lifetime, in percent of one CPU (measured). */
  pcpu: number;
  vif: string;
  queue: number;
  role: 'guest-rx' | 'dealloc' | 'other';
  comm: string;
}

/** Request counters of one netback queue from debugfs io_ring_qN: free-running ring indices, in ring requests. */
export interface IoRing {
  queue: number;
  /** TX (guest → dom0): requests the guest produced and netback consumed. */
  tx: { reqProd: number; reqCons: number; rspProd: number } | null;
  /** RX (dom0 → guest): buffers the guest posted, and the responses netback produced. */
  rx: { reqProd: number; reqCons: number; rspProd: number } | null;
}

export interface Channels { rx: number | null; tx: number | null; other: number | null; combined: number | null }

/** One file's reading. `unknownLines`: non-blank lines the reader did not understand (counted, named in a warning). */
export type ConfigPiece = { file: string; unknownLines: number } & (
  | { kind: 'xenstore'; vifs: XenVif[]; domainVcpus: Array<{ domain: string; vcpus: number }> }
  | { kind: 'module-param'; module: 'xen_netfront' | 'xen_netback'; maxQueues: number }
  | { kind: 'cmdline'; role: ConfigRole; params: Record<string, string> }
  | { kind: 'vcpus'; role: ConfigRole; count: number; how: string; perDomain?: Array<{ domain: string; vcpus: number }> }
  | { kind: 'netback-threads'; threads: NetbackThread[] }
  | { kind: 'io-ring'; ring: IoRing }
  | { kind: 'ethtool-channels'; device: string | null; max: Channels; current: Channels }
  | { kind: 'interrupts'; role: ConfigRole; interrupts: InterruptVectors }
  | { kind: 'irq-affinity'; affinity: Array<{ irq: number; cpus: number[] }> }
  /** `bits`: CPUs for xps_cpus and rps_cpus, rx queues for xps_rxqs. */
  | { kind: 'queue-masks'; device: string | null; masks: Array<{ dir: 'tx' | 'rx'; queue: number; file: 'xps_cpus' | 'xps_rxqs' | 'rps_cpus'; bits: number[] }> }
  | { kind: 'ynl-queues'; queues: Array<{ id: number; type: 'rx' | 'tx'; ifindex: number; napiId: number | null }> }
  | { kind: 'ynl-napi'; napis: Array<{ id: number; ifindex: number; irq: number | null; pid: number | null }> }
);

export type ConfigKind = ConfigPiece['kind'];

/** A configuration file that could not be read: the file and 1-based line (0: the file as a whole). */
export class ConfigFormatError extends Error {
  override readonly name = 'ConfigFormatError';
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
  }
}

/** Lines of a text, without a trailing empty one. */
export function textLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A CPU list as the kernel prints it (`0-3,8,10-11`) → CPU numbers; undefined when it is not one. */
export function parseCpuList(s: string): number[] | undefined {
  const t = s.trim();
  if (t === '') return [];
  const out: number[] = [];
  for (const part of t.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return undefined;
    const a = +m[1];
    const b = m[2] === undefined ? a : +m[2];
    if (b < a || b - a > 8192) return undefined;
    for (let c = a; c <= b; c++) out.push(c);
  }
  return out;
}

/** A CPU mask as sysfs prints it (hex words separated by commas, most significant first) → CPU numbers. */
export function parseCpuMask(s: string): number[] | undefined {
  const t = s.trim().replace(/,/g, '');
  if (!/^[0-9a-fA-F]+$/.test(t)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const nibble = parseInt(t[t.length - 1 - i], 16);
    for (let b = 0; b < 4; b++) if (nibble & (1 << b)) out.push(i * 4 + b);
  }
  return out;
}

/**
 * Role from a path: the file's name or its own folder saying dom0/backend/host makes it dom0's, else the guest's.
 * Only those two parts count, so an output folder higher up (`/data/host-a/run/config/…`) says nothing.
 */
export function roleFromPath(file: string): ConfigRole {
  const parts = file.split(/[/\\]/);
  const base = parts.pop() ?? file;
  if (/(^|[._-])(guest|domu)([._-]|$)/i.test(base)) return 'guest';
  const near = `${parts.pop() ?? ''}/${base}`;
  return /(^|[/._-])(dom0|backend|host)([/._-]|$)/i.test(near) ? 'dom0' : 'guest';
}
