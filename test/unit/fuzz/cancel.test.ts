// Cancelling the read of an endless generated capture (a FIFO fed by a generator process) stops within
// 200 ms and rejects with AbortError; the generator then sees the pipe close.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureFormatError } from '../../../src/core/capture';
import { analyseCaptures, toFlowsJson } from '../../../src/core/flows';
import { fixturesDir } from '../../helpers/paths';

const canFifo = process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;

/** Streams `file` into a fresh FIFO with cat and analyses the FIFO. */
async function viaFifo(file: string, chunkSize?: number): Promise<ReturnType<typeof toFlowsJson>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-fifo-'));
  const fifo = path.join(dir, path.basename(file));
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const cat = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
  try {
    return toFlowsJson(await analyseCaptures([fifo], { chunkSize, allowFifo: true }));
  } finally {
    cat.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('reading a FIFO', () => {
  for (const rel of ['iperf3-tcp8-json/capture.pcapng', 'iperf3-udp4-text/capture-nsec.pcap']) {
    it(`gives the same report as the file: ${rel}`, { skip: !canFifo && 'no mkfifo' }, async () => {
      const file = path.join(fixturesDir, rel);
      const direct = toFlowsJson(await analyseCaptures([file]));
      for (const chunkSize of [undefined, 4096]) assert.deepEqual({ ...(await viaFifo(file, chunkSize)), file: direct.file }, direct);
    });
  }

  it('refuses gzip data from a pipe with a CaptureFormatError', { skip: !canFifo && 'no mkfifo' }, async () => {
    await assert.rejects(viaFifo(path.join(fixturesDir, 'iperf2-tcp8-text-gz/capture.pcap.gz')), (e: unknown) => e instanceof CaptureFormatError && /gzip/.test(e.message));
  });
});

describe('cancelling a huge read', () => {
  it('aborts an endless FIFO capture with AbortError and closes its end', { skip: !canFifo && 'no mkfifo', timeout: 30_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cancel-'));
    const fifo = path.join(dir, 'endless.pcap');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const gen = spawn(process.execPath, [path.join(__dirname, '..', '..', 'fuzz', 'pcapGenerator.js'), fifo, '0'], { stdio: 'ignore' });
    const genExit = new Promise<void>((resolve) => gen.on('close', () => resolve()));
    try {
      const ac = new AbortController();
      let bytes = 0;
      const run = analyseCaptures([fifo], { allowFifo: true, signal: ac.signal, onProgress: (d) => { bytes = d; } });
      const settled = run.then(() => 'resolved', (e: unknown) => e);
      // Let it get well into the stream first.
      const t = Date.now();
      while (bytes < 50e6 && Date.now() - t < 20_000) await new Promise((r) => setTimeout(r, 20));
      assert.ok(bytes >= 50e6, `only ${bytes} bytes read before the abort`);
      ac.abort();
      const e = await settled;
      assert.ok(e instanceof Error && e.name === 'AbortError', `expected AbortError, got ${String(e)}`);
      // The reader closed its end: the generator stops by itself (EPIPE).
      await Promise.race([genExit, new Promise((_, rej) => setTimeout(() => rej(new Error('generator still running 5 s after the abort')), 5000))]);
    } finally {
      gen.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
