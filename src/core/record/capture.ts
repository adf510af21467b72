/**
 * The optional headers-only capture of the device (--capture): tcpdump -s 128 in the device's namespace, started
 * before COMMAND and stopped (SIGINT, so it flushes) after it. In its own process group, as the tracer.
 */
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { inNetns } from './exec';

/** Bytes kept per packet: Ethernet, VLAN, IPv6 and TCP headers with options fit; payload is dropped. */
const CAPTURE_SNAPLEN = 128;

export interface RunningCapture {
  stop(): Promise<{ code: number | null; signal: string | null }>;
}

export function startCapture(dev: string, netns: string, file: string, errFile: string): Promise<RunningCapture> {
  return new Promise((resolve, reject) => {
    const argv = inNetns(netns, ['tcpdump', '-i', dev, '-s', String(CAPTURE_SNAPLEN), '-U', '-n', '-w', file]);
    const err = fs.createWriteStream(errFile);
    const child: ChildProcess = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    let ready = false;
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    const timer = setTimeout(() => { if (!ready) { kill('SIGKILL'); reject(new Error('tcpdump did not start within 20 s')); } }, 20_000);
    child.stderr!.on('data', (b: Buffer) => {
      err.write(b);
      text += b.toString('utf8');
      if (!ready && /listening on/.test(text)) {
        ready = true;
        clearTimeout(timer);
        resolve({ stop });
      }
    });
    child.on('error', (e) => { clearTimeout(timer); if (!ready) reject(e); });
    void exited.then(({ code, signal }) => {
      if (ready) return;
      clearTimeout(timer);
      err.end();
      reject(new Error(`tcpdump stopped (${signal ?? `exit ${code}`}): ${text.trim().split('\n')[0] ?? ''}`));
    });
    function kill(sig: NodeJS.Signals): void {
      try { process.kill(-child.pid!, sig); } catch { /* gone */ }
    }
    async function stop(): Promise<{ code: number | null; signal: string | null }> {
      if (child.exitCode === null && child.signalCode === null) kill('SIGINT');
      const t = setTimeout(() => kill('SIGKILL'), 10_000);
      const r = await exited;
      clearTimeout(t);
      await new Promise<void>((res) => err.end(() => res()));
      return r;
    }
  });
}
