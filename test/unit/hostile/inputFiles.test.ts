import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkInputFile, InputFileError, INPUT_CAPS, listInputDirs, listInputFiles, readInputText } from '../../../src/core/runs/inputFiles';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ql-input-'));
}

test('a device is refused by name, never opened (/dev/zero would never end)', () => {
  assert.throws(() => readInputText('/dev/zero', 'counters'), (e: unknown) => e instanceof InputFileError && /\/dev\/zero: it is a character device/.test(e.message));
});

test('a file above its kind\'s cap is refused with its size and the cap, before it is read', () => {
  const d = tmp();
  const f = path.join(d, 'qdisc-after.txt');
  fs.writeFileSync(f, '');
  fs.truncateSync(f, INPUT_CAPS.counters + 1);
  assert.throws(() => checkInputFile(f, 'counters'), /a counter snapshot is at most 16\.0 MiB/);
  assert.equal(readInputText(f, 'log').length, INPUT_CAPS.counters + 1);
  fs.rmSync(d, { recursive: true });
});

test('links out of a folder are not listed; links inside it are', () => {
  const root = tmp();
  const outside = tmp();
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'x');
  fs.writeFileSync(path.join(root, 'a.txt'), 'a');
  fs.mkdirSync(path.join(root, 'sub'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'qdisc-after.txt'));
  fs.symlinkSync(path.join(root, 'a.txt'), path.join(root, 'b.txt'));
  fs.symlinkSync(outside, path.join(root, 'tc'));
  fs.symlinkSync(path.join(root, 'sub'), path.join(root, 'counters'));
  assert.deepEqual(listInputFiles(root), ['a.txt', 'b.txt']);
  assert.deepEqual(listInputDirs(root), ['counters', 'sub']);
  fs.rmSync(root, { recursive: true });
  fs.rmSync(outside, { recursive: true });
});
