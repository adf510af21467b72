/**
 * A throw-away veth lab for the system tests (root only): two network namespaces joined by a veth with n tx
 * queues, XPS off, and, as ground truth, an `mq` root with one `htb` per tx queue holding one leaf class per client
 * source port (u32 match on the port), as samples/experiment/make-experiment.sh does. `tc -s class show` then gives
 * the exact bytes each port sent through each queue, independently of any tracer.
 *
 * Every name carries the pid and a counter, so labs of parallel test files never collide; `destroy()` removes
 * everything (deleting a namespace deletes its veth end and the peer). Commands are argv arrays, never shell text.
 */
import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

export interface VethLabOptions {
  /** tx queues (and rx queues) of each veth end. */
  queues: number;
  /** Client source ports that get their own htb leaf class (ground truth), e.g. 42000..42007. */
  ports: number[];
  /** Rate of each queue's htb parent class, Mbit/s (keeps runs light on a shared machine). */
  rateMbit?: number;
  /** Use an htb ground-truth tree (default true). Without: no qdisc is added (the device's default). */
  groundTruth?: boolean;
  /** Keep IPv6 on and give the veth ends fd00:79::1/2 (default off: no stray solicitations). */
  ipv6?: boolean;
  /** Also make a VLAN device with this id on each veth end (10.79.1.1/2 on it), e.g. to trace tagged frames. */
  vlan?: number;
  /** The sender's XPS masks, one hex CPU mask per tx queue (default: all '0', XPS off). */
  xpsCpus?: string[];
}

export interface VethLab {
  /** Sender side: namespace, device, address. */
  nsA: string;
  devA: string;
  ipA: string;
  /** Receiver side. */
  nsB: string;
  devB: string;
  ipB: string;
  queues: number;
  ports: number[];
  /** IPv6 addresses of the ends (with ipv6), and the VLAN ends' IPv4 addresses (with vlan). */
  ip6A?: string;
  ip6B?: string;
  vlanIpA?: string;
  vlanIpB?: string;
  /** Runs argv inside a namespace, synchronously; returns stdout. Throws on a non-zero exit. */
  exec(ns: string, argv: string[], timeoutMs?: number): string;
  /** Starts argv inside a namespace (a server); the caller stops it with stop(). */
  start(ns: string, argv: string[]): ChildProcess;
  /** `tc -s class show dev devA` in nsA. */
  classText(): string;
  /** Removes both namespaces (and so the veth) and stops what start() started. Safe to call twice. */
  destroy(): void;
}

let counter = 0;

/** Why the system tests cannot run here (not root, a tool missing), or undefined when they can. */
export function labSkipReason(tools: string[]): string | undefined {
  if (process.getuid?.() !== 0) return 'system tests need root (network namespaces, tc, bpftrace): skipped';
  for (const t of ['ip', 'tc', ...tools]) {
    if (!onPath(t)) return `system tests need ${t} (bash scripts/setup.sh installs it): skipped`;
  }
  return undefined;
}

export function onPath(tool: string): boolean {
  return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').some((d) => {
    try {
      fs.accessSync(`${d}/${tool}`, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const hex = (n: number): string => n.toString(16);
/** htb handle of tx queue q: 10+q in hex (queue 0 → 10:, queue 7 → 17:). */
export const queueHandle = (q: number): string => hex(16 + q);

function run(argv: string[], timeoutMs = 10_000, input?: string): string {
  return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Creates the lab; on any failure removes what was made and rethrows. */
export function createVethLab(opts: VethLabOptions): VethLab {
  const n = opts.queues;
  const id = `${process.pid}${String.fromCharCode(97 + (counter++ % 26))}`;
  const nsA = `qltA${id}`;
  const nsB = `qltB${id}`;
  const devA = `qa${id}`.slice(0, 15);
  const devB = `qb${id}`.slice(0, 15);
  const ipA = '10.79.0.1';
  const ipB = '10.79.0.2';
  const rate = opts.rateMbit ?? 50;
  const children = new Set<ChildProcess>();
  const destroy = (): void => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
    children.clear();
    for (const ns of [nsA, nsB]) {
      try {
        run(['ip', 'netns', 'del', ns]);
      } catch {
        /* already gone */
      }
    }
  };
  try {
    run(['ip', 'netns', 'add', nsA]);
    run(['ip', 'netns', 'add', nsB]);
    // no IPv6 on the lab: router and neighbour solicitations a few seconds after link-up would be stray traffic
    if (!opts.ipv6) for (const ns of [nsA, nsB]) run(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    run(['ip', '-n', nsA, 'link', 'set', 'lo', 'up']);
    run(['ip', '-n', nsB, 'link', 'set', 'lo', 'up']);
    run(['ip', 'link', 'add', devA, 'netns', nsA, 'numtxqueues', String(n), 'numrxqueues', String(n), 'type', 'veth',
      'peer', 'name', devB, 'netns', nsB, 'numtxqueues', String(n), 'numrxqueues', String(n)]);
    run(['ip', '-n', nsA, 'addr', 'add', `${ipA}/24`, 'dev', devA]);
    run(['ip', '-n', nsB, 'addr', 'add', `${ipB}/24`, 'dev', devB]);
    run(['ip', '-n', nsA, 'link', 'set', devA, 'up']);
    run(['ip', '-n', nsB, 'link', 'set', devB, 'up']);
    if (opts.ipv6) {
      run(['ip', '-n', nsA, 'addr', 'add', 'fd00:79::1/64', 'dev', devA, 'nodad']);
      run(['ip', '-n', nsB, 'addr', 'add', 'fd00:79::2/64', 'dev', devB, 'nodad']);
    }
    if (opts.vlan !== undefined) {
      const v = String(opts.vlan);
      for (const [ns, dev, ip] of [[nsA, devA, '10.79.1.1'], [nsB, devB, '10.79.1.2']] as const) {
        run(['ip', '-n', ns, 'link', 'add', 'link', dev, 'name', `${dev}.${v}`.slice(0, 15), 'type', 'vlan', 'id', v]);
        run(['ip', '-n', ns, 'addr', 'add', `${ip}/24`, 'dev', `${dev}.${v}`.slice(0, 15)]);
        run(['ip', '-n', ns, 'link', 'set', `${dev}.${v}`.slice(0, 15), 'up']);
      }
    }
    // XPS off unless masks are given: netdev_pick_tx falls through to skb_tx_hash (a one-queue device has no xps_cpus)
    if (n > 1) {
      for (let q = 0; q < n; q++) {
        const mask = opts.xpsCpus?.[q] ?? '0';
        if (!/^[0-9a-f]{1,16}$/.test(mask)) throw new Error(`xpsCpus[${q}]: not a hex CPU mask: ${mask}`);
        run(['ip', 'netns', 'exec', nsA, 'tee', `/sys/class/net/${devA}/queues/tx-${q}/xps_cpus`], 10_000, `${mask}\n`);
        try {
          run(['ip', 'netns', 'exec', nsA, 'tee', `/sys/class/net/${devA}/queues/tx-${q}/xps_rxqs`], 10_000, '0\n');
        } catch {
          /* kernels without xps_rxqs */
        }
      }
    }
    if (opts.groundTruth !== false) addGroundTruth(nsA, devA, n, opts.ports, rate);
  } catch (e) {
    destroy();
    throw e;
  }
  return {
    nsA, devA, ipA, nsB, devB, ipB, queues: n, ports: opts.ports,
    ...(opts.ipv6 ? { ip6A: 'fd00:79::1', ip6B: 'fd00:79::2' } : {}),
    ...(opts.vlan !== undefined ? { vlanIpA: '10.79.1.1', vlanIpB: '10.79.1.2' } : {}),
    exec: (ns, argv, timeoutMs) => run(['ip', 'netns', 'exec', ns, ...argv], timeoutMs),
    start: (ns, argv) => {
      const c = spawn('ip', ['netns', 'exec', ns, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
      c.stdout?.resume();
      c.stderr?.resume();
      children.add(c);
      return c;
    },
    classText: () => run(['tc', '-n', nsA, '-s', 'class', 'show', 'dev', devA]),
    destroy,
  };
}

/** mq root, one htb per queue, a leaf per port and one for everything else (the control connection, ARP). */
function addGroundTruth(ns: string, dev: string, n: number, ports: number[], rateMbit: number): void {
  const tc = (...a: string[]): string => run(['tc', '-n', ns, ...a]);
  if (n > 1) tc('qdisc', 'add', 'dev', dev, 'root', 'handle', '1:', 'mq');
  for (let q = 0; q < n; q++) {
    const major = queueHandle(q);
    if (n > 1) tc('qdisc', 'add', 'dev', dev, 'parent', `1:${hex(q + 1)}`, 'handle', `${major}:`, 'htb', 'default', 'ff');
    else tc('qdisc', 'add', 'dev', dev, 'root', 'handle', `${major}:`, 'htb', 'default', 'ff');
    tc('class', 'add', 'dev', dev, 'parent', `${major}:`, 'classid', `${major}:1`, 'htb', 'rate', `${rateMbit}mbit`, 'ceil', `${rateMbit}mbit`, 'quantum', '3028');
    ports.forEach((port, s) => {
      const leaf = `${major}:${hex(16 + s)}`;
      tc('class', 'add', 'dev', dev, 'parent', `${major}:1`, 'classid', leaf, 'htb',
        'rate', `${Math.max(1, Math.floor((rateMbit * 1000) / ports.length))}kbit`, 'ceil', `${rateMbit}mbit`, 'quantum', '3028');
      tc('filter', 'add', 'dev', dev, 'parent', `${major}:`, 'protocol', 'ip', 'prio', '1', 'u32',
        'match', 'ip', 'sport', String(port), '0xffff', 'flowid', leaf);
    });
    tc('class', 'add', 'dev', dev, 'parent', `${major}:1`, 'classid', `${major}:ff`, 'htb', 'rate', '1mbit', 'ceil', `${rateMbit}mbit`, 'quantum', '3028');
  }
}

/** One htb leaf's counters from `tc -s class show`: which queue, which port (or 'other'), bytes and packets. */
export interface LeafBytes {
  queue: number;
  /** The client port of the leaf, or null for the queue's default leaf (everything else). */
  port: number | null;
  bytes: number;
  packets: number;
}

/** The per-port leaves of the ground-truth tree (ports in the order given to createVethLab). */
export function leafBytes(classText: string, ports: number[]): LeafBytes[] {
  const out: LeafBytes[] = [];
  let cur: { queue: number; port: number | null } | undefined;
  for (const line of classText.split('\n')) {
    const c = /^class htb ([0-9a-f]+):([0-9a-f]+) /.exec(line);
    if (c) {
      const q = parseInt(c[1], 16) - 16;
      const minor = parseInt(c[2], 16);
      cur = minor === 0xff ? { queue: q, port: null } : minor >= 16 && minor < 16 + ports.length ? { queue: q, port: ports[minor - 16] } : undefined;
      continue;
    }
    const s = /^\s*Sent (\d+) bytes (\d+) pkt/.exec(line);
    if (s && cur) {
      out.push({ ...cur, bytes: Number(s[1]), packets: Number(s[2]) });
      cur = undefined;
    }
  }
  return out;
}

/** port → the queue that carried its bytes (after − before), with the bytes per queue; a port on two queues shows both. */
export function portQueues(before: string, after: string, ports: number[]): Map<number, Map<number, number>> {
  const key = (l: LeafBytes): string => `${l.queue}/${l.port}`;
  const b = new Map(leafBytes(before, ports).map((l) => [key(l), l.bytes]));
  const out = new Map<number, Map<number, number>>();
  for (const l of leafBytes(after, ports)) {
    if (l.port === null) continue;
    const d = l.bytes - (b.get(key(l)) ?? 0);
    if (d <= 0) continue;
    const m = out.get(l.port) ?? new Map<number, number>();
    m.set(l.queue, d);
    out.set(l.port, m);
  }
  return out;
}

/** Waits until a TCP port listens in a namespace (a server started with start()), up to ~5 s. */
export async function waitListening(lab: VethLab, ns: string, port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if (new RegExp(`:${port}\\s`).test(lab.exec(ns, ['ss', '-ltnH']))) return;
    } catch {
      /* ss not ready */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port} in ${ns}`);
}

/** True while a pid exists (signal 0 checks without sending). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
