// Source-port planner: pick client ports so k flows spread perfectly over n queues under an
// exact preset, and say how to reproduce that run with iperf3 or iperf 2.
import { parseFlow } from './flow';
import { formatEndpoint } from './ip';
import { compilePreset, HashInput, hashInput, PresetName, PresetOptions } from './presets';

export interface PlanRequest {
  preset: PresetName;
  opts?: PresetOptions;
  proto?: 'tcp' | 'udp';
  /** Client (iperf -c side) address. */
  src: string;
  /** Server address and port. */
  dst: { ip: string; port: number };
  flows: number;
  queues: number;
  /** Inclusive client port range. */
  ports: [number, number];
  /** Hash the server→client direction (iperf -R), e.g. for guest RX presets. */
  reverse?: boolean;
}

export interface PortChoice {
  ports: number[];
  queues: number[];
  /** Flows per queue. */
  loads: number[];
}

export interface PlanResult {
  request: PlanRequest;
  /** What the preset hashes for this protocol: when not 'ports', port choice cannot steer flows. */
  input: HashInput;
  /** k consecutive ports (iperf3 --cport P -P k uses P, P+1, …, P+k−1). */
  window?: PortChoice;
  /** Any k ports from the range, lowest first (one iperf 2 process per port). */
  anyPorts?: PortChoice;
  /** The queue of every port in the range, in order (for displays). */
  portQueues: Int32Array;
}

/** Balanced = every queue carries ⌊k/n⌋ or ⌈k/n⌉ flows. */
export function isBalanced(loads: readonly number[], k: number): boolean {
  const lo = Math.floor(k / loads.length);
  const hi = Math.ceil(k / loads.length);
  return loads.every((l) => l >= lo && l <= hi);
}

function choice(ports: number[], queues: number[], n: number): PortChoice {
  const loads = new Array<number>(n).fill(0);
  for (const q of queues) loads[q]++;
  return { ports, queues, loads };
}

export function planPorts(req: PlanRequest): PlanResult {
  const { flows: k, queues: n } = req;
  const [a, b] = req.ports;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`number of flows must be a positive integer, not ${k}`);
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b > 65535 || a > b) throw new RangeError(`bad port range ${a}-${b}`);
  const input = hashInput(req.preset, req.proto ?? 'tcp', req.opts);
  if (input === 'addresses' || input === 'cpu') return { request: req, input, portQueues: new Int32Array(0) };
  const c = compilePreset(req.preset, n, req.opts);
  if (!c.exact || !c.flowQueue) {
    throw new RangeError(
      `preset '${req.preset}' is a model: its hash is random per socket (or per boot without --seed), so source ports cannot steer flows`,
    );
  }
  const proto = req.proto ?? 'tcp';
  const f = req.reverse
    ? parseFlow({ proto, src: req.dst, dst: { ip: req.src, port: a } })
    : parseFlow({ proto, src: { ip: req.src, port: a }, dst: req.dst });
  const count = b - a + 1;
  const q = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    if (req.reverse) f.dport = a + i; else f.sport = a + i;
    q[i] = c.flowQueue(f).queue;
  }
  const anyPorts = greedyPorts(q, a, k, n);
  const window = balancedWindow(q, a, k, n);
  return { request: req, input, window, anyPorts, portQueues: q };
}

/**
 * Greedy over the range: take a port if its queue is below ⌊k/n⌋, or at ⌊k/n⌋ while ⌈k/n⌉ slots remain.
 * Any state it reaches with k ports is balanced, and it succeeds whenever some balanced choice exists.
 */
function greedyPorts(q: Int32Array, a: number, k: number, n: number): PortChoice | undefined {
  const count = q.length;
  const lo = Math.floor(k / n);
  const hi = Math.ceil(k / n);
  const extra = k - lo * n; // queues that carry hi flows
  const loads = new Array<number>(n).fill(0);
  let atHi = 0;
  const picked: number[] = [];
  for (let i = 0; i < count && picked.length < k; i++) {
    const qi = q[i];
    if (loads[qi] < lo) { loads[qi]++; picked.push(i); }
    else if (loads[qi] < hi && atHi < extra) { loads[qi]++; atHi++; picked.push(i); }
  }
  return picked.length === k ? choice(picked.map((i) => a + i), picked.map((i) => q[i]), n) : undefined;
}

/** The first k consecutive ports that are balanced: a sliding window where `bad` counts queues outside [lo, hi]. */
function balancedWindow(q: Int32Array, a: number, k: number, n: number): PortChoice | undefined {
  const count = q.length;
  if (k > count) return undefined;
  const lo = Math.floor(k / n);
  const hi = Math.ceil(k / n);
  const w = new Array<number>(n).fill(0);
  let bad = lo > 0 ? n : 0;
  const inc = (qi: number, d: number): void => {
    const was = w[qi] < lo || w[qi] > hi;
    w[qi] += d;
    const is = w[qi] < lo || w[qi] > hi;
    bad += (is ? 1 : 0) - (was ? 1 : 0);
  };
  for (let i = 0; i < count; i++) {
    inc(q[i], 1);
    if (i >= k) inc(q[i - k], -1);
    if (i >= k - 1 && bad === 0) {
      const start = i - k + 1;
      return choice(Array.from({ length: k }, (_, j) => a + start + j), Array.from(q.subarray(start, start + k)), n);
    }
  }
  return undefined;
}

export interface SourcePlan {
  /** One client address per reachable queue (the first candidate that lands there). */
  perQueue: Array<{ queue: number; address: string }>;
  /** Queues no candidate address reaches. */
  missing: number[];
  /** How many of the k flows each chosen address carries (round-robin over the queues): balanced when nothing is missing. */
  flows: Array<{ address: string; queue: number; flows: number }>;
  balanced: boolean;
}

/**
 * For a 2-tuple hash (ports ignored): client addresses that reach every queue, and how to split the
 * k flows over them so each queue carries ⌊k/n⌋ or ⌈k/n⌉. `candidates` are addresses the client can
 * bind (e.g. secondary addresses); the destination and the rest of the request are as for planPorts.
 */
export function planSources(req: PlanRequest, candidates: readonly string[]): SourcePlan {
  const { flows: k, queues: n } = req;
  const c = compilePreset(req.preset, n, req.opts);
  if (!c.flowQueue) throw new RangeError(`preset '${req.preset}' is a model: addresses cannot steer flows either`);
  const proto = req.proto ?? 'tcp';
  const byQueue = new Map<number, string>();
  for (const addr of candidates) {
    const f = req.reverse
      ? parseFlow({ proto, src: req.dst, dst: { ip: addr, port: req.ports[0] } })
      : parseFlow({ proto, src: { ip: addr, port: req.ports[0] }, dst: req.dst });
    const q = c.flowQueue(f).queue;
    if (!byQueue.has(q)) byQueue.set(q, addr);
    if (byQueue.size === n) break;
  }
  const perQueue = [...byQueue.entries()].sort((x, y) => x[0] - y[0]).map(([queue, address]) => ({ queue, address }));
  const missing = Array.from({ length: n }, (_, q) => q).filter((q) => !byQueue.has(q));
  const flows = perQueue.map((e) => ({ ...e, flows: 0 }));
  for (let i = 0; i < k && flows.length > 0; i++) flows[i % flows.length].flows++;
  return { perQueue, missing, flows: flows.filter((f) => f.flows > 0), balanced: missing.length === 0 || k <= perQueue.length };
}

/** iperf3 reproduces a window with --cport (stream i binds cport + i). */
export function iperf3Command(req: PlanRequest, start: number): string {
  const udp = (req.proto ?? 'tcp') === 'udp' ? ' -u -b 0' : '';
  const rev = req.reverse ? ' -R' : '';
  return `iperf3 -c ${req.dst.ip} -p ${req.dst.port} -B ${req.src} --cport ${start} -P ${req.flows}${udp}${rev}`;
}

/** iperf 2: one client per port, bound with -B host:port, run concurrently (the server takes many clients). */
export function iperf2Commands(req: PlanRequest, ports: readonly number[]): string[] {
  const udp = (req.proto ?? 'tcp') === 'udp' ? ' -u -b 1000M' : '';
  const lines = ports.map((p) => `iperf -c ${req.dst.ip} -p ${req.dst.port} -B ${formatEndpoint(req.src, p)}${udp} &`);
  return [...lines, 'wait'];
}
