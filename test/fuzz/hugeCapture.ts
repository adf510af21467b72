// Streams a generated capture of N GB (default 10) through analyseCaptures via a FIFO: a generator process
// writes, the analyser reads, nothing touches the disk. Reports throughput and peak RSS (target < 150 MB).
// Usage: node out/test/fuzz/hugeCapture.js [--gb N] [--write]   (--write updates docs/huge-file.md)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyseCaptures } from '../../src/core/flows';
import { repoRoot } from '../helpers/paths';

async function main(): Promise<void> {
  const gi = process.argv.indexOf('--gb');
  const gb = gi >= 0 ? Number(process.argv[gi + 1]) : 10;
  const bytes = Math.round(gb * 1e9);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-huge-'));
  const fifo = path.join(dir, 'huge.pcap');
  try {
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed');
    const gen = spawn(process.execPath, [path.join(__dirname, 'pcapGenerator.js'), fifo, String(bytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let genOut = '';
    gen.stdout.on('data', (d: Buffer) => { genOut += d.toString(); });
    const genDone = new Promise<void>((resolve) => gen.on('close', () => resolve()));
    let peakRss = process.memoryUsage.rss();
    let lastLog = 0;
    let done = 0;
    const t0 = performance.now();
    const r = await analyseCaptures([fifo], {
      allowFifo: true,
      onProgress: (d) => {
        done = d;
        const rss = process.memoryUsage.rss();
        if (rss > peakRss) peakRss = rss;
        if (d - lastLog >= 1e9) { lastLog = d; process.stderr.write(`  ${(d / 1e9).toFixed(0)} GB, RSS ${(rss / 2 ** 20).toFixed(0)} MB\n`); }
      },
    });
    const s = (performance.now() - t0) / 1000;
    await genDone;
    const g = JSON.parse(genOut) as { packets: number; bytes: number };
    if (r.packets !== g.packets || done !== g.bytes) throw new Error(`read ${r.packets} packets / ${done} bytes, generator wrote ${g.packets} / ${g.bytes}`);
    const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
    const line = `| ${(g.bytes / 1e9).toFixed(2)} GB | ${(g.packets / 1e6).toFixed(1)} M | ${r.flows.length} | ${s.toFixed(1)} s | ${(g.bytes / 1e6 / s).toFixed(0)} MB/s | ${(g.packets / 1e6 / s).toFixed(2)} M/s | ${maxRss.toFixed(0)} MB | ${r.binMs} ms |`;
    const head = '| streamed | packets | flows | time | throughput | packets/s | peak RSS (whole process) | bin width |\n|---:|---:|---:|---:|---:|---:|---:|---:|';
    console.log(`${head}\n${line}\nwarnings: ${r.warnings.join(' | ') || 'none'}`);
    if (process.argv.includes('--write')) {
      const cpu = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs, Node ${process.version}`;
      fs.writeFileSync(path.join(repoRoot, 'docs', 'huge-file.md'), `# Huge capture through a FIFO

Measured by \`node scripts/huge-capture.mjs --gb ${gb} --write\` on ${new Date().toISOString().slice(0, 10)} (${cpu}).

A generator process (test/fuzz/pcapGenerator.ts) writes a classic pcap into a FIFO made with \`mkfifo\`, repeating the
${'`iperf2-tcp8-text/capture.pcap`'} fixture's records with timestamps shifted forward on each repetition; the analyser reads the
FIFO as a capture path (\`analyseCaptures([fifo], { allowFifo: true })\`, as the CLI does; the editor reads only regular files). Nothing is written to disk, so the size is bounded only by time.
Peak RSS is the analysing process's maximum resident set (Node's own baseline is ~45 MB); the generator is a separate process.
Both processes share the 2 CPUs, so throughput is lower than the in-page-cache benchmark (docs/bench-capture.md).

${head}
${line}

Warnings reported: ${r.warnings.join(' | ') || 'none'}

Reading from a pipe: the file size is unknown, so progress reports \`bytesTotal\` 0; gzip data from a pipe is refused with a
CaptureFormatError (decompress before the pipe). The bin width grows (powers of two) when flows × bins would exceed the
series budget, so memory does not grow with the capture's duration.
`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
