// pcap-parser 0.2.1 as an independent oracle: on classic microsecond pcap it must yield exactly our records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fixturesDir } from '../../helpers/paths';
import { readRecords } from './records';

interface PpPacket { header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number }; data: Buffer }
interface PpParser { on(ev: 'packet', f: (p: PpPacket) => void): void; on(ev: 'end', f: () => void): void; on(ev: 'error', f: (e: Error) => void): void }
const pcapParser = createRequire(__filename)('pcap-parser') as { parse(file: string): PpParser };

function oracle(file: string): Promise<PpPacket[]> {
  return new Promise((resolve, reject) => {
    const out: PpPacket[] = [];
    const p = pcapParser.parse(file);
    p.on('packet', (pkt) => out.push({ header: { ...pkt.header }, data: Buffer.from(pkt.data) }));
    p.on('error', reject);
    p.on('end', () => resolve(out));
  });
}

/** Every plain (not gzip) classic microsecond pcap among the shared fixtures, bad/ included. */
function microsecondPcaps(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(fixturesDir)) {
    const d = path.join(fixturesDir, dir);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d)) {
      const p = path.join(d, f);
      if (!fs.statSync(p).isFile()) continue;
      const fd = fs.openSync(p, 'r');
      const head = Buffer.alloc(4);
      const n = fs.readSync(fd, head, 0, 4, 0);
      fs.closeSync(fd);
      if (n === 4 && (head.readUInt32LE(0) === 0xa1b2c3d4 || head.readUInt32BE(0) === 0xa1b2c3d4)) out.push(p);
    }
  }
  return out.sort();
}

describe('pcap-parser oracle', () => {
  const files = microsecondPcaps();
  it('finds the classic microsecond fixtures', () => assert.ok(files.length >= 4, files.join(' ')));
  for (const file of files) {
    it(`${path.relative(fixturesDir, file)}: same records, timestamps, lengths and bytes`, async () => {
      const theirs = await oracle(file);
      for (const chunk of [undefined, 100]) {
        const { records } = await readRecords(file, chunk);
        assert.equal(records.length, theirs.length);
        for (let i = 0; i < records.length; i++) {
          const o = records[i];
          const t = theirs[i];
          // An invalid fraction (≥ 1e6 µs) the oracle passes through raw; we read it as tshark does (publicCaptures.test).
          if (t.header.timestampMicroseconds >= 1e6) {
            assert.deepEqual({ caplen: o.caplen, wirelen: o.wirelen }, { caplen: t.header.capturedLength, wirelen: t.header.originalLength });
            assert.ok(o.data.equals(t.data), `record ${i} bytes`);
            continue;
          }
          assert.deepEqual(
            { sec: o.sec, usec: o.nsec / 1000, caplen: o.caplen, wirelen: o.wirelen },
            { sec: t.header.timestampSeconds, usec: t.header.timestampMicroseconds, caplen: t.header.capturedLength, wirelen: t.header.originalLength },
            `record ${i}`,
          );
          assert.ok(o.data.equals(t.data), `record ${i} bytes`);
        }
      }
    });
  }
});
