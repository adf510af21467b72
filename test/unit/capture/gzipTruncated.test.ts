// A gzip-compressed capture cut short before its capture header is named as truncated gzip, with file and offset.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { analyseCaptures } from '../../../src/core/flows';
import { fixturesDir } from '../../helpers/paths';

test('a gzip file cut after 20 bytes is reported as truncated gzip, not an unknown magic number', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-gz-'));
  try {
    const whole = gzipSync(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-vxlan', 'capture-vxlan.pcap')));
    const file = path.join(dir, 'cut.pcap.gz');
    fs.writeFileSync(file, whole.subarray(0, 20));
    await assert.rejects(analyseCaptures([file]), (e: Error) => {
      assert.match(e.message, /cut\.pcap\.gz: truncated gzip: .*cut short \(at byte offset 20\)/);
      assert.doesNotMatch(e.message, /magic/);
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
