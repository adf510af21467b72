/**
 * Running the helper programs `record` needs (tc, ethtool, ip, sysctl, bpftrace, tcpdump) with argv arrays, never a
 * shell, bounded in time, inside the device's network namespace when there is one (`ip netns exec NS`).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run at all (not found, timed out). */
  error?: string;
}

/** argv, prefixed with `ip netns exec NS` when the namespace is set. */
export function inNetns(netns: string, argv: string[]): string[] {
  return netns === '' ? argv : ['ip', 'netns', 'exec', netns, ...argv];
}

/** Runs argv (≤ timeoutMs, output ≤ 16 MiB); never throws. */
export function run(argv: string[], timeoutMs = 15_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 2 ** 20, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (!err) { resolve({ code: 0, stdout, stderr }); return; }
      const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
      if (e.code === 'ENOENT') { resolve({ code: null, stdout: '', stderr: '', error: `${argv[0]} not found` }); return; }
      if (e.killed) { resolve({ code: null, stdout, stderr, error: `${argv.join(' ')} timed out after ${timeoutMs / 1000} s` }); return; }
      resolve({ code: typeof e.code === 'number' ? e.code : 1, stdout, stderr });
    });
  });
}

/** The first executable `tool` on PATH, or undefined. */
export function which(tool: string): string | undefined {
  for (const d of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(path.delimiter)) {
    if (d === '') continue;
    const f = path.join(d, tool);
    try {
      fs.accessSync(f, fs.constants.X_OK);
      if (fs.statSync(f).isFile()) return f;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** The first line of a result's output, trimmed (for error messages and version lines). */
export function firstLine(r: ExecResult): string {
  return (r.error ?? (r.stderr.trim() || r.stdout.trim())).split('\n')[0].trim();
}
