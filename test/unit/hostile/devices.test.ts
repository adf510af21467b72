// Issue 12, finding 4: a .pcap symbolic link to a device (git stores symlinks) must be refused at once, never read
// as a pipe, in the core and in the CLI; a pipe read can be abandoned. Links and FIFOs are made in a temp dir.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureFormatError, openCapture } from '../../../src/core/capture';
import { analyseCaptures } from '../../../src/core/flows';
import { NotRegularFileError } from '../../../src/core/capture/source';

const posix = process.platform !== 'win32';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-dev-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function link(name: string, target: string): string {
  const p = path.join(dir, name);
  fs.symlinkSync(target, p);
  return p;
}

const devices = ['/dev/zero', '/dev/ptmx', '/dev/null', '/dev/urandom'].filter((d) => posix && fs.existsSync(d));
const cliMain = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');

describe('device files behind a capture name', () => {
  for (const dev of devices) {
    const name = `${path.basename(dev)}.pcap`;
    it(`core: openCapture and analyseCaptures refuse a symlink to ${dev}, naming the path and the device`, async () => {
      const p = link(name, dev);
      for (const opts of [{}, { allowFifo: true }]) {
        await assert.rejects(openCapture(p, undefined, opts), (e: unknown) => {
          assert.ok(e instanceof NotRegularFileError && e instanceof CaptureFormatError, String(e));
          assert.ok(e.message.includes(p), e.message);
          assert.match(e.message, new RegExp(`symbolic link to a character device \\(${dev}\\)`));
          return true;
        });
        await assert.rejects(analyseCaptures([p], opts), NotRegularFileError);
      }
    });
    it(`core: the device itself (${dev}) is refused too`, async () => {
      await assert.rejects(analyseCaptures([dev], { allowFifo: true }), /is a character device; Queue Lens reads only regular files/);
    });
  }

  it('CLI: `queue-lens flows LINK` exits 2 with the reason for /dev/zero and /dev/ptmx links (no hang: a time limit kills it otherwise)', { skip: devices.length === 0 && 'no /dev' }, () => {
    for (const dev of devices.filter((d) => d === '/dev/zero' || d === '/dev/ptmx')) {
      const p = path.join(dir, `cli-${path.basename(dev)}.pcap`);
      fs.symlinkSync(dev, p);
      const r = spawnSync(process.execPath, [cliMain, 'flows', p], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.signal, null, `killed by the time limit: the CLI hung on ${dev}`);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(p), r.stderr);
      assert.match(r.stderr, /character device/);
    }
  });

  it('CLI: a log named on the command line that links to a device is refused too (`queue-lens iperf LINK`)', { skip: !devices.includes('/dev/ptmx') && 'no /dev/ptmx' }, () => {
    const p = path.join(dir, 'ptmx.iperf.log');
    fs.symlinkSync('/dev/ptmx', p);
    const r = spawnSync(process.execPath, [cliMain, 'iperf', p], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'killed by the time limit: the CLI hung on /dev/ptmx');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read .*ptmx\.iperf\.log: it is a character device/);
  });

  it('a directory named like a capture is refused the same way', async () => {
    const d = path.join(dir, 'folder.pcap');
    fs.mkdirSync(d);
    await assert.rejects(analyseCaptures([d]), /folder\.pcap: is a directory/);
  });
});

describe('FIFOs', { skip: !posix && 'no FIFOs' }, () => {
  const mkfifo = (name: string): string => {
    const p = path.join(dir, name);
    assert.equal(spawnSync('mkfifo', [p]).status, 0);
    return p;
  };

  it('are refused unless the caller allows them (the editor never does), without waiting for a writer', async () => {
    const fifo = mkfifo('nowriter.pcap');
    const viaLink = link('fifo-link.pcap', fifo);
    for (const p of [fifo, viaLink]) {
      await assert.rejects(analyseCaptures([p]), (e: unknown) => e instanceof NotRegularFileError && /FIFO/.test(e.message) && e.message.includes(p));
    }
  });

  it('an allowed FIFO whose writer never writes: the read is abandoned on abort, and the pipe is closed', async () => {
    const fifo = mkfifo('silent.pcap');
    // A writer that opens the pipe and then says nothing; it exits when its read end is gone (or after 30 s).
    const writer = spawn('sh', ['-c', 'exec 3>"$1"; sleep 30', 'sh', fifo], { stdio: 'ignore' });
    try {
      const ac = new AbortController();
      const run = analyseCaptures([fifo], { allowFifo: true, signal: ac.signal });
      const settled = run.then(() => 'resolved', (e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300));
      ac.abort();
      const e = await settled;
      assert.ok(e instanceof Error && e.name === 'AbortError', `expected AbortError, got ${String(e)}`);
      // Nothing of ours still holds the pipe: a fresh reader opens and the writer's end is still usable.
      const fds = !fs.existsSync('/proc/self/fd') ? [] : fs.readdirSync('/proc/self/fd').map((fd) => { try { return fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } });
      assert.ok(!fds.includes(fifo), 'the aborted read left the FIFO open');
    } finally {
      writer.kill();
    }
  });

  it('an allowed FIFO with no writer at all: abort still ends the wait', async () => {
    const fifo = mkfifo('lonely.pcap');
    const ac = new AbortController();
    const settled = analyseCaptures([fifo], { allowFifo: true, signal: ac.signal }).then(() => 'resolved', (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    const e = await settled;
    assert.ok(e instanceof Error && e.name === 'AbortError', `expected AbortError, got ${String(e)}`);
  });
});
