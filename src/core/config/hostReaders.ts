// Snapshots of the machines around a Xen vif: netfront/netback's max_queues, /proc/cmdline (and Xen's own command
// line), vCPU counts (/proc/cpuinfo, lscpu, nproc, xl vcpu-list, cpu/online), netback's per-queue threads from
// `ps -eLo pid,psr,pcpu,comm`, and xen-netback's debugfs io_ring_qN.
import { ConfigFormatError, ConfigPiece, ConfigRole, IoRing, NetbackThread, parseCpuList, roleFromPath, textLines } from './model';

const baseName = (file: string): string => file.split(/[/\\]/).pop() ?? file;

/** `grep . /sys/module/xen_netfront/parameters/*` lines, or a bare number in a file named like max_queues. */
export function looksLikeModuleParam(text: string, file: string): boolean {
  return /^(?:.*\/)?(xen_netfront|xen_netback)\/parameters\/max_queues:\s*\d+\s*$/m.test(text) ||
    (/^\s*\d+\s*$/.test(text) && /max_queues/.test(file));
}

export function readModuleParam(text: string, file: string): ConfigPiece & { kind: 'module-param' } {
  const m = /^(?:.*\/)?(xen_netfront|xen_netback)\/parameters\/max_queues:\s*(\d+)\s*$/m.exec(text);
  if (m) {
    const unknownLines = textLines(text).filter((l) => l.trim() !== '' && !/\/parameters\/\w+:/.test(l)).length;
    return { kind: 'module-param', file, unknownLines, module: m[1] as 'xen_netfront' | 'xen_netback', maxQueues: +m[2] };
  }
  const bare = /^\s*(\d+)\s*$/.exec(text);
  if (!bare) throw new ConfigFormatError(file, 1, 'expected the value of max_queues (one number)');
  const module = /netback/.test(file) || (!/netfront/.test(file) && roleFromPath(file) === 'dom0') ? 'xen_netback' : 'xen_netfront';
  return { kind: 'module-param', file, unknownLines: 0, module, maxQueues: +bare[1] };
}

/** /proc/cmdline (one line of words), or `xl info`'s xen_commandline line (Xen's own, so dom0's). */
export function looksLikeCmdline(text: string, file: string): boolean {
  const lines = textLines(text).filter((l) => l.trim() !== '');
  if (lines.length === 1 && /^xen_commandline\s*:/.test(lines[0])) return true;
  return lines.length === 1 && (/cmdline/.test(file) || /(^|\s)(BOOT_IMAGE|root|console|ro|quiet|xen_netfront\.\w+|dom0_max_vcpus|maxcpus|nr_cpus)(=|\s|$)/.test(lines[0]));
}

export function readCmdline(text: string, file: string): ConfigPiece & { kind: 'cmdline' } {
  const line = textLines(text).find((l) => l.trim() !== '') ?? '';
  const xen = /^xen_commandline\s*:\s*(.*)$/.exec(line);
  const params: Record<string, string> = {};
  // words after a lone `--` belong to init, not to the kernel
  for (const w of (xen ? xen[1] : line).trim().split(/\s+/)) {
    if (w === '--') break;
    const eq = w.indexOf('=');
    if (eq > 0) params[w.slice(0, eq)] = w.slice(eq + 1);
    else if (w) params[w] = '';
  }
  return { kind: 'cmdline', file, unknownLines: 0, role: xen ? 'dom0' : roleFromPath(file), params };
}

export function looksLikeVcpus(text: string, file: string): boolean {
  return /^processor\s*:\s*\d+/m.test(text) || /^CPU\(s\):\s+\d+/m.test(text) || /^Name\s+ID\s+VCPU\s+CPU\s+State/m.test(text) ||
    (/^\s*\d+\s*$/.test(text) && /(nproc|vcpus?|cpus)(\.txt)?$/i.test(baseName(file))) ||
    (/^\s*[\d,-]+\s*$/.test(text) && /^(cpu-?)?online(\.txt)?$/.test(baseName(file)));
}

/** A vCPU count: /proc/cpuinfo, lscpu, nproc, /sys/devices/system/cpu/online, or `xl vcpu-list` (every domain). */
export function readVcpus(text: string, file: string): ConfigPiece & { kind: 'vcpus' } {
  const role: ConfigRole = roleFromPath(file);
  if (/^Name\s+ID\s+VCPU\s+CPU\s+State/m.test(text)) {
    const per = new Map<string, number>();
    let unknownLines = 0;
    for (const l of textLines(text)) {
      if (l.trim() === '' || /^Name\s+ID/.test(l)) continue;
      const m = /^(\S+)\s+\d+\s+\d+\s+(\d+|-)\s+\S+/.exec(l);
      if (!m) { unknownLines++; continue; }
      per.set(m[1], (per.get(m[1]) ?? 0) + 1);
    }
    const dom0 = per.get('Domain-0');
    if (dom0 === undefined) throw new ConfigFormatError(file, 0, 'xl vcpu-list without Domain-0');
    return { kind: 'vcpus', file, unknownLines, role: 'dom0', count: dom0, how: 'xl vcpu-list', perDomain: [...per].map(([domain, vcpus]) => ({ domain, vcpus })) };
  }
  const procs = textLines(text).filter((l) => /^processor\s*:\s*\d+/.test(l)).length;
  if (procs > 0) return { kind: 'vcpus', file, unknownLines: 0, role, count: procs, how: '/proc/cpuinfo' };
  const lscpu = /^CPU\(s\):\s+(\d+)/m.exec(text);
  if (lscpu) return { kind: 'vcpus', file, unknownLines: 0, role, count: +lscpu[1], how: 'lscpu' };
  const bare = /^\s*(\d+)\s*$/.exec(text);
  if (bare && !/online/.test(baseName(file))) return { kind: 'vcpus', file, unknownLines: 0, role, count: +bare[1], how: 'nproc' };
  const list = parseCpuList(text.trim());
  if (!list) throw new ConfigFormatError(file, 1, 'not a CPU count or list');
  return { kind: 'vcpus', file, unknownLines: 0, role, count: list.length, how: 'cpu/online' };
}

/** netback's thread names, as ps prints them (the kernel keeps 15 characters of a name). */
const THREAD = /^(vif\d+\.\d+)-q(\d+)(?:-(.*))?$/;

export function looksLikePs(text: string): boolean {
  return /^\s*PID\s+PSR\s+%CPU\s+(COMMAND|CMD)\s*$/m.test(text);
}

/** `ps -eLo pid,psr,pcpu,comm`: netback's per-queue threads, the CPU each last ran on, and its %CPU. */
export function readNetbackThreads(text: string, file: string): ConfigPiece & { kind: 'netback-threads' } {
  const lines = textLines(text);
  const head = lines.findIndex((l) => /^\s*PID\s+PSR\s+%CPU\s+(COMMAND|CMD)\s*$/.test(l));
  if (head < 0) throw new ConfigFormatError(file, 1, 'expected the header of `ps -eLo pid,psr,pcpu,comm` (PID PSR %CPU COMMAND)');
  const threads: NetbackThread[] = [];
  let unknownLines = 0;
  for (let i = head + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+(?:\.\d+)?)\s+(.+?)\s*$/.exec(lines[i]);
    if (!m) { unknownLines++; continue; }
    const t = THREAD.exec(m[4]);
    if (!t) continue;
    const rest = t[3] ?? '';
    const role = rest && 'guest-rx'.startsWith(rest) ? 'guest-rx' : rest && 'dealloc'.startsWith(rest) ? 'dealloc' : 'other';
    threads.push({ pid: +m[1], cpu: +m[2], pcpu: +m[3], vif: t[1], queue: +t[2], role, comm: m[4] });
  }
  return { kind: 'netback-threads', file, unknownLines, threads };
}

export function looksLikeIoRing(text: string): boolean {
  return /^Queue \d+\s*$/m.test(text) && /^(TX|RX): nr_ents \d+/m.test(text);
}

/**
 * xen-netback's /sys/kernel/debug/xen-netback/VIF/io_ring_qN (format of xenvif_read_io_ring in
 * drivers/net/xen-netback/xenbus.c): the rings' free-running producer/consumer indices, counted in ring requests
 * (a packet takes one or more slots), so two snapshots give requests per queue.
 */
export function readIoRing(text: string, file: string): ConfigPiece & { kind: 'io-ring' } {
  const lines = textLines(text);
  let queue: number | null = null;
  let side: 'tx' | 'rx' | undefined;
  const ring: IoRing = { queue: -1, tx: null, rx: null };
  let unknownLines = 0;
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t === '') return;
    let m = /^Queue (\d+)$/.exec(t);
    if (m) { queue = +m[1]; return; }
    m = /^(TX|RX): nr_ents \d+$/.exec(t);
    if (m) { side = m[1] === 'TX' ? 'tx' : 'rx'; ring[side] = { reqProd: 0, reqCons: 0, rspProd: 0 }; return; }
    m = /^req prod (\d+) \(-?\d+\) cons (\d+) \(-?\d+\) event \d+ \(-?\d+\)$/.exec(t);
    if (m) {
      const r = side && ring[side];
      if (!r) throw new ConfigFormatError(file, i + 1, '"req prod" before "TX: nr_ents" or "RX: nr_ents"');
      r.reqProd = +m[1];
      r.reqCons = +m[2];
      return;
    }
    m = /^rsp prod (\d+) \(base\) pvt \d+ \(-?\d+\) event \d+ \(-?\d+\)$/.exec(t);
    if (m) {
      const r = side && ring[side];
      if (!r) throw new ConfigFormatError(file, i + 1, '"rsp prod" before "TX: nr_ents" or "RX: nr_ents"');
      r.rspProd = +m[1];
      return;
    }
    // NAPI state, credit, pending/dealloc and the rx internal queue lines are known but not per-queue traffic
    if (/^(pending prod|dealloc prod|NAPI state|Credit timer_pending|remaining:|Rx internal queue)/.test(t)) return;
    unknownLines++;
  });
  if (queue === null) {
    const n = /io_ring_q(\d+)/.exec(file);
    if (!n) throw new ConfigFormatError(file, 1, 'no "Queue N" line and no io_ring_qN file name');
    queue = +n[1];
  }
  ring.queue = queue;
  return { kind: 'io-ring', file, unknownLines, ring };
}
