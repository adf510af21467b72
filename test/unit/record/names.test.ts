// record's command-line values: device and namespace names, intervals; and the CLI's refusals before anything runs.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkDevice, checkInterval, checkNetns } from '../../../src/core/record/names';
import { runCli } from '../sweep/helpers';

describe('record: checked command-line values', () => {
  it('accepts real device names and refuses option-like, path-like and over-long ones', () => {
    for (const d of ['eth0', 'enp1s0f0', 'veth0@if3'.slice(0, 15), 'br-lan.10', 'wg_0:1']) assert.equal(checkDevice(d), d);
    for (const d of ['-x', '../etc', 'a/b', 'a b', '', '0123456789abcdef', '..', 'x;rm']) assert.throws(() => checkDevice(d), /not a device name/, d);
  });

  it('accepts namespace names and refuses others', () => {
    assert.equal(checkNetns('qlA123'), 'qlA123');
    for (const n of ['-n', 'a/b', '..', '', 'x y']) assert.throws(() => checkNetns(n), /not a namespace name/, n);
  });

  it('intervals are seconds between 0.1 and 3600', () => {
    assert.equal(checkInterval('0.5'), 0.5);
    for (const s of ['0', '-1', '1e3', 'abc', '7200']) assert.throws(() => checkInterval(s), /between 0.1 and 3600/, s);
  });

  it('the CLI refuses a bad device, no COMMAND, and a non-empty OUT before running anything', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-rec-'));
    try {
      const marker = path.join(tmp, 'ran');
      const bad = await runCli(['record', path.join(tmp, 'a'), '--dev', 'a/b', '--', 'touch', marker]);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /not a device name/);
      const none = await runCli(['record', path.join(tmp, 'b'), '--dev', 'lo']);
      assert.equal(none.code, 1);
      assert.match(none.err, /no COMMAND after --/);
      fs.mkdirSync(path.join(tmp, 'full'));
      fs.writeFileSync(path.join(tmp, 'full', 'x'), '');
      const full = await runCli(['record', path.join(tmp, 'full'), '--dev', 'lo', '--', 'touch', marker]);
      assert.equal(full.code, 2);
      assert.match(full.err, /not an empty folder/);
      assert.equal(fs.existsSync(marker), false, 'COMMAND never ran');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
