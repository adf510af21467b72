// Shared bits of the sweep/correlate tests: the CLI runner, the committed sample, a blog-shaped folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { repoRoot } from '../../helpers/paths';

export const sampleDir = path.join(repoRoot, 'samples', 'experiment');
/** 20 one-run sweeps (trials) of the same set-up: the blog's single sweep, twenty times. */
export const oneRunSweepsDir = path.join(repoRoot, 'samples', 'one-run-sweeps');

export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * The blog's graph as iperf 2.0.5 client logs (8 threads, 10 s, one run per queue count), named queues-N.log:
 * rises to four queues, dips at five, recovers to 41 Gb/s at eight. Hand-made numbers of the blog's shape —
 * the post gives only 17 → 41 Gb/s and "the blip at five queues".
 */
export const BLOG_GBPS: Readonly<Record<number, number>> = { 1: 17.4, 2: 27.6, 3: 32.8, 4: 38.1, 5: 31.9, 6: 38.9, 7: 40.2, 8: 41.0 };

export function iperf205Log(totalGbps: number, firstPort = 49153): string {
  const lines = [
    '------------------------------------------------------------',
    'Client connecting to 192.168.20.2, TCP port 5001',
    'TCP window size: 23.5 KByte (default)',
    '------------------------------------------------------------',
  ];
  for (let i = 0; i < 8; i++) lines.push(`[${String(3 + i).padStart(3)}] local 192.168.20.1 port ${firstPort + i} connected with 192.168.20.2 port 5001`);
  lines.push('[ ID] Interval       Transfer     Bandwidth');
  const each = totalGbps / 8;
  for (let i = 0; i < 8; i++) {
    lines.push(`[${String(3 + i).padStart(3)}]  0.0-10.0 sec  ${((each * 1e9 * 10) / 8 / 2 ** 30).toFixed(2)} GBytes  ${each.toFixed(2)} Gbits/sec`);
  }
  lines.push(`[SUM]  0.0-10.0 sec  ${((totalGbps * 1e9 * 10) / 8 / 2 ** 30).toFixed(1)} GBytes  ${totalGbps.toFixed(1)} Gbits/sec`);
  return lines.join('\n') + '\n';
}

const made: string[] = [];
process.on('exit', () => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

/** A temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh temporary folder with queues-1.log … queues-8.log (and anything extra given). */
export function blogFolder(extra: Record<string, string> = {}): string {
  const dir = tempDir('queue-lens-sweep-');
  for (const [n, g] of Object.entries(BLOG_GBPS)) fs.writeFileSync(path.join(dir, `queues-${n}.log`), iperf205Log(g));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The [SUM] row's aggregate read straight from the text (independent of the parser): bits/s. */
export function sumRowBps(text: string): number {
  const rows = text.split('\n').filter((l) => l.startsWith('[SUM]'));
  // iperf3 client logs end with a sender and a receiver row: the receiver's is what arrived
  const row = rows.find((l) => /receiver\s*$/.test(l)) ?? rows[rows.length - 1];
  const m = /(\d+(?:\.\d+)?)-\s*(\d+(?:\.\d+)?)\s+sec\s+(\d+(?:\.\d+)?)\s+([KMG])Bytes/.exec(row);
  if (!m) throw new Error(`no [SUM] row in ${row}`);
  const unit = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[m[4] as 'K' | 'M' | 'G'];
  return (Number(m[3]) * unit * 8) / (Number(m[2]) - Number(m[1]));
}
