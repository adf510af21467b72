/**
 * Starting and stopping the shipped tracer (queue-lens.bt) around COMMAND. Only that program is run, with two
 * checked integers as its parameters (the device's ifindex and its namespace's inode); never text from a file.
 * bpftrace runs in its own process group, so a Ctrl+C in the terminal reaches `record` (which stops the tracer
 * after COMMAND, so the maps are printed) and never kills the tracer before it has printed.
 */
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inNetns, run, which, firstLine } from './exec';
import { errorMessage } from '../text';

export const TRACER_NAME = 'queue-lens.bt';
/** How long bpftrace may take to parse BTF and attach on a loaded machine. */
const START_TIMEOUT_MS = 90_000;
/** How long it may take to print its maps after SIGINT (detaching many probes on a loaded machine is slow). */
const STOP_TIMEOUT_MS = 60_000;
/** SIGINT is sent again this often until bpftrace exits: one that lands while it is still attaching can go unseen. */
const SIGINT_REPEAT_MS = 5_000;
/** Entries per map (flows × queues × CPUs × probes); bpftrace's default is 4096. */
const TRACE_MAP_KEYS = 65_536;

/** The shipped program: beside the bundle (dist/), or in the source tree (tests run from out/). */
export function tracerProgram(): string | undefined {
  const candidates = [
    path.join(__dirname, TRACER_NAME),
    path.join(__dirname, '..', '..', '..', '..', 'src', 'core', 'trace', TRACER_NAME),
    path.join(__dirname, '..', 'trace', TRACER_NAME),
  ];
  return candidates.find((f) => fs.existsSync(f));
}

/** The device's ifindex in its namespace (ip -j link), or the reason it cannot be read. */
export async function deviceIfindex(dev: string, netns: string): Promise<number | string> {
  const r = await run(inNetns(netns, ['ip', '-j', 'link', 'show', 'dev', dev]));
  if (r.code !== 0) return firstLine(r) || `ip link show dev ${dev} failed`;
  try {
    const v = JSON.parse(r.stdout) as Array<{ ifindex?: unknown }>;
    const i = v[0]?.ifindex;
    if (typeof i === 'number' && Number.isInteger(i) && i > 0) return i;
  } catch {
    /* below */
  }
  return `ip -j link show dev ${dev}: no ifindex in its output`;
}

/** The inode of the namespace's handle (/run/netns/NS), or of this process's namespace: the tracer's ns filter. */
export function netnsInode(netns: string): number | string {
  const f = netns === '' ? '/proc/self/ns/net' : path.join('/run/netns', netns);
  try {
    return fs.statSync(f).ino;
  } catch (e) {
    return `${f}: ${errorMessage(e)}`;
  }
}

/** Why the tracer cannot run here, or undefined. Mounts tracefs when it is missing and this process is root. */
export async function tracerUnavailable(): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'the tracer needs Linux';
  if (process.getuid?.() !== 0) return 'not root: bpftrace needs CAP_BPF and CAP_PERFMON (run record with sudo)';
  if (!which('bpftrace')) return 'bpftrace is not installed (bash scripts/setup.sh installs it)';
  if (!fs.existsSync('/sys/kernel/btf/vmlinux')) return 'the kernel has no BTF (/sys/kernel/btf/vmlinux): the tracer reads sk_buff fields through BTF (Linux 5.2 or later built with CONFIG_DEBUG_INFO_BTF)';
  if (!tracefsReady()) {
    const m = await run(['mount', '-t', 'tracefs', 'nodev', '/sys/kernel/tracing']);
    if (!tracefsReady()) return `tracefs is not mounted at /sys/kernel/tracing and mounting it failed (${firstLine(m) || `exit ${m.code}`})`;
  }
  if (!fs.existsSync('/sys/kernel/tracing/events/net/net_dev_start_xmit')) return 'this kernel has no net:net_dev_start_xmit tracepoint (Linux 3.19 or later)';
  if (!tracerProgram()) return `the tracer program ${TRACER_NAME} is missing from this installation`;
  return undefined;
}

function tracefsReady(): boolean {
  return fs.existsSync('/sys/kernel/tracing/events/net');
}

/**
 * Sum of recursion_misses over the tracer's BPF programs (/proc/PID/fdinfo of its bpf-prog fds, Linux ≥ 5.12):
 * events the kernel did not run the tracer for, because another BPF tracing program was running on that CPU.
 * undefined when it cannot be read.
 */
function tracerMisses(pid: number): number | undefined {
  let total = 0;
  let seen = 0;
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      let link: string;
      try { link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
      if (!link.includes('bpf-prog')) continue;
      const m = /^recursion_misses:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (m) { total += Number(m[1]); seen++; }
    }
  } catch {
    return undefined;
  }
  return seen > 0 ? total : undefined;
}

/** perf_event fds of a process (bpftrace's attached probes and output buffers). */
function perfEventFds(pid: number): number {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try { return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).includes('perf_event'); } catch { return false; }
    }).length;
  } catch {
    return -1;
  }
}

/**
 * bpftrace runs BEGIN before it attaches the other probes: wait until its perf_event fds stop changing for
 * 500 ms (at most 5 s), so the first packets of COMMAND are not missed.
 */
async function waitAttached(pid: number): Promise<void> {
  let last = perfEventFds(pid);
  let stable = 0;
  for (let waited = 0; waited < 5000 && stable < 5; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    const now = perfEventFds(pid);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

export interface RunningTracer {
  child: ChildProcess;
  /** recursion_misses of its programs, read just before stop(). */
  misses(): number | undefined;
  /** Resolves when bpftrace has exited (after stop()); never rejects. */
  stop(): Promise<{ code: number | null; signal: string | null; forced: boolean }>;
}

/**
 * Starts bpftrace on the program with the two parameters, its stdout into `outFile` and stderr into `errFile`;
 * resolves once the program has attached (its BEGIN line), or rejects with bpftrace's own reason.
 */
export function startTracer(program: string, ifindex: number, netnsIno: number, outFile: string, errFile: string): Promise<RunningTracer> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(outFile);
    const err = fs.createWriteStream(errFile);
    const child = spawn('bpftrace', [program, String(ifindex), String(netnsIno)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BPFTRACE_MAP_KEYS_MAX: String(TRACE_MAP_KEYS) },
    });
    let seen = '';
    let errText = '';
    let ready = false;
    const closed = new Promise<void>((r) => child.on('close', () => r()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    const stop = stopper(child, exited, closed, out, err);
    const timer = setTimeout(() => {
      if (ready) return;
      killGroup(child, 'SIGKILL');
      reject(new Error(`bpftrace did not attach within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (b: Buffer) => {
      out.write(b);
      if (!ready) {
        seen += b.toString('utf8');
        if (/^queue-lens-trace\/1 ifindex=/m.test(seen)) {
          ready = true;
          clearTimeout(timer);
          void waitAttached(child.pid!).then(() => resolve({ child, stop, misses: () => tracerMisses(child.pid!) }));
        }
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      err.write(b);
      if (errText.length < 4096) errText += b.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      if (!ready) reject(e);
    });
    void exited.then(({ code, signal }) => {
      if (ready) return;
      clearTimeout(timer);
      void closed.then(() => { out.end(); err.end(); });
      reject(new Error(`bpftrace stopped before attaching (${signal ?? `exit ${code}`}): ${attachFailure(errText) || 'no message'}`));
    });
  });
}

/** bpftrace's first three stderr lines; the RLIMIT_MEMLOCK line is a harmless notice on kernels ≥ 5.11 (BPF memory is charged to the cgroup). */
function attachFailure(errText: string): string {
  return errText.split('\n').filter((l) => l.trim() !== '' && !/RLIMIT_MEMLOCK/.test(l)).slice(0, 3).join(' | ');
}

/** stop(): SIGINT (bpftrace then prints its maps), repeated until it exits, SIGKILL after STOP_TIMEOUT_MS; resolves once both files are flushed. */
function stopper(child: ChildProcess, exited: Promise<{ code: number | null; signal: string | null }>, closed: Promise<void>,
  out: fs.WriteStream, err: fs.WriteStream): () => Promise<{ code: number | null; signal: string | null; forced: boolean }> {
  return async () => {
    let forced = false;
    const running = (): boolean => child.exitCode === null && child.signalCode === null;
    if (running()) killGroup(child, 'SIGINT');
    const again = setInterval(() => { if (running()) killGroup(child, 'SIGINT'); }, SIGINT_REPEAT_MS);
    const t = setTimeout(() => { forced = true; killGroup(child, 'SIGKILL'); }, STOP_TIMEOUT_MS);
    const r = await exited;
    await closed;
    clearInterval(again);
    clearTimeout(t);
    await new Promise<void>((res) => out.end(() => res()));
    await new Promise<void>((res) => err.end(() => res()));
    return { ...r, forced };
  };
}

/** Signals the child's whole process group (it was started detached, as its own group). */
function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      /* gone */
    }
  }
}
