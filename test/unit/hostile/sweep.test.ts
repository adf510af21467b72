// Issue 12, finding 6: a sweep folder's manifest must not make the loader read outside the folder, follow links
// out of it, read devices or FIFOs, spend minutes on huge queue or stream counts, or quote a secret line back.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { excerpt, MAX_SWEEP_QUEUES, MAX_SWEEP_STREAMS, safeMessage } from '../../../src/core/analysis/sweep/sweepInput';
import { iperf205Log } from '../sweep/helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-sweep-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const SECRET = 'API_KEY=sk-live-0123456789abcdefghijklmnopqrstuvwxyz-SECRET-TAIL';

// Outside the sweep folder: a secret shaped like a report row, so a parser that read it would quote it.
const outside = path.join(root, 'outside');
fs.mkdirSync(outside);
fs.writeFileSync(path.join(outside, 'secret.log'), `[${SECRET}]  0.0-10.0 sec  1.00 GBytes  1.00 Gbits/sec\n`);

let n = 0;
/** A fresh sweep folder with a good log `good.log` and the given manifest runs. */
function folder(runs: unknown[], setup?: (dir: string) => void): string {
  const dir = path.join(root, `sweep-${n++}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'good.log'), iperf205Log(10));
  setup?.(dir);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ runs }));
  return dir;
}

function refuses(dir: string, pattern: RegExp): void {
  assert.throws(() => loadSweepFolder(dir), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('SECRET-TAIL'), `the error quotes the file: ${e.message}`);
    return true;
  });
}

describe('sweep folder confinement', () => {
  it('a manifest path with ../ is refused before anything is read', () => {
    refuses(folder([{ log: '../outside/secret.log', queues: 2 }]), /'\.\.\/outside\/secret\.log': '\.\.' leaves the sweep folder/);
    refuses(folder([{ log: 'sub/../../outside/secret.log', queues: 2 }]), /leaves the sweep folder/);
  });

  it('an absolute manifest path is refused', () => {
    refuses(folder([{ log: path.join(outside, 'secret.log'), queues: 2 }]), /an absolute path/);
  });

  it('a symbolic link that leads out of the folder is refused, also for manifest.json itself', () => {
    refuses(folder([{ log: 'innocent.log', queues: 2 }], (d) => fs.symlinkSync(path.join(outside, 'secret.log'), path.join(d, 'innocent.log'))), /'innocent\.log': a link that leads out of the sweep folder/);
    const d = path.join(root, 'manifest-link');
    fs.mkdirSync(d);
    fs.symlinkSync(path.join(outside, 'secret.log'), path.join(d, 'manifest.json'));
    refuses(d, /manifest\.json.*a link that leads out of the sweep folder/);
  });

  it('a link inside the folder to a file inside it is followed', () => {
    const dir = folder([{ log: 'alias.log', queues: 2 }], (d) => fs.symlinkSync('good.log', path.join(d, 'alias.log')));
    assert.equal(loadSweepFolder(dir).runs[0].log.tool, 'iperf2');
  });

  it('devices and FIFOs are refused at once (links to /dev/zero, a FIFO in the folder)', { skip: process.platform === 'win32' && 'POSIX only' }, () => {
    refuses(folder([{ log: 'zero.log', queues: 2 }], (d) => fs.symlinkSync('/dev/zero', path.join(d, 'zero.log'))), /a link that leads out of the sweep folder/);
    const withFifo = folder([{ log: 'pipe.log', queues: 2 }], (d) => assert.equal(spawnSync('mkfifo', [path.join(d, 'pipe.log')]).status, 0));
    refuses(withFifo, /'pipe\.log': not a regular file \(a FIFO\)/);
    // Without a manifest the FIFO is skipped with a warning, and the good log still read.
    fs.rmSync(path.join(withFifo, 'manifest.json'));
    fs.renameSync(path.join(withFifo, 'good.log'), path.join(withFifo, 'q2.log'));
    fs.renameSync(path.join(withFifo, 'pipe.log'), path.join(withFifo, 'q3.log'));
    const l = loadSweepFolder(withFifo);
    assert.deepEqual(l.runs.map((r) => r.queues), [2]);
    assert.ok(l.warnings.some((w) => /^q3\.log: .*not a regular file/.test(w)), l.warnings.join('\n'));
  });

  it(`more than ${MAX_SWEEP_QUEUES} queues in a run is a clear error (manifest) or a skipped run (file names)`, () => {
    refuses(folder([{ log: 'good.log', queues: 2048 }]), /runs\[0\]\.queues is 2048; at most 1024 queues per run/);
    const dir = path.join(root, 'names');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'q2048.log'), iperf205Log(10));
    fs.writeFileSync(path.join(dir, 'q4.log'), iperf205Log(10));
    const l = loadSweepFolder(dir);
    assert.deepEqual(l.runs.map((r) => r.queues), [4]);
    assert.ok(l.warnings.some((w) => w.includes('2048 queues; at most 1024 per run')), l.warnings.join('\n'));
  });

  it(`more than ${MAX_SWEEP_STREAMS} streams in a run is a clear error`, () => {
    const many = ['------------------------------------------------------------', 'Client connecting to 192.168.20.2, TCP port 5001'];
    const k = MAX_SWEEP_STREAMS + 1;
    for (let i = 0; i < k; i++) many.push(`[${String(3 + i).padStart(3)}] local 192.168.20.1 port ${40000 + i} connected with 192.168.20.2 port 5001`);
    many.push('[ ID] Interval       Transfer     Bandwidth');
    for (let i = 0; i < k; i++) many.push(`[${String(3 + i).padStart(3)}]  0.0-10.0 sec  1.00 GBytes  1.00 Gbits/sec`);
    refuses(folder([{ log: 'many.log', queues: 4 }], (d) => fs.writeFileSync(path.join(d, 'many.log'), many.join('\n'))), new RegExp(`'many\\.log': ${k} streams in one run; at most ${MAX_SWEEP_STREAMS}`));
  });

  it('a malformed line is counted as not understood, never echoed whole in a warning or error', () => {
    const dir = folder([{ log: 'bad.log', queues: 2 }], (d) => {
      fs.writeFileSync(path.join(d, 'bad.log'), `${iperf205Log(10)}\n[\u001b[2J\u0007${SECRET}]  0.0-10.0 sec  1.00 GBytes  1.00 Gbits/sec\n`);
    });
    const l = loadSweepFolder(dir);
    assert.equal(l.runs.length, 1);
    assert.equal(l.runs[0].log.unknown.length, 1, 'the line is counted as not understood');
    for (const w of l.warnings) assert.ok(!w.includes('SECRET-TAIL'), w);
  });
});

describe('excerpts', () => {
  it('cut to 40 characters and escape control and bidi characters', () => {
    assert.equal(excerpt('a'.repeat(50)), `${'a'.repeat(40)}…`);
    assert.equal(excerpt('x\u001b[2Jy\u202ez\u0085'), 'x\\x1b[2Jy\\u202ez\\u0085');
    assert.equal(safeMessage(`line 3: malformed number "${'9'.repeat(100)}" in 'short'`), `line 3: malformed number "${'9'.repeat(40)}…" in 'short'`);
  });
});
