// Writes a classic pcap of at least `bytes` bytes (0: endless) to a path, usually a FIFO, by repeating a
// fixture's records with timestamps shifted forward each time. Nothing is kept on disk.
// Usage: node out/test/fuzz/pcapGenerator.js <out> <bytes> [source.pcap]; prints {"packets","bytes"} when done.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from '../helpers/paths';

function writeAll(fd: number, b: Buffer): void {
  for (let off = 0; off < b.length; ) off += fs.writeSync(fd, b, off, b.length - off);
}

export function generate(out: string, bytes: number, source = path.join(fixturesDir, 'iperf2-tcp8-text', 'capture.pcap')): { packets: number; bytes: number } {
  const src = fs.readFileSync(source);
  if (src.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${source}: the generator repeats little-endian microsecond pcap only`);
  const body = Buffer.from(src.subarray(24));
  const offs: number[] = [];
  const times: number[] = [];
  for (let p = 0; p + 16 <= body.length; p += 16 + body.readUInt32LE(p + 8)) {
    offs.push(p);
    times.push(body.readUInt32LE(p) * 1e6 + body.readUInt32LE(p + 4));
  }
  const span = times[times.length - 1] - times[0] + 1000;
  const fd = fs.openSync(out, 'w');
  let written = 0;
  let packets = 0;
  try {
    writeAll(fd, src.subarray(0, 24));
    written = 24;
    for (let rep = 0; bytes === 0 || written < bytes; rep++) {
      for (let i = 0; i < offs.length; i++) {
        const t = times[i] + rep * span;
        const sec = Math.floor(t / 1e6);
        body.writeUInt32LE(sec, offs[i]);
        body.writeUInt32LE(t - sec * 1e6, offs[i] + 4);
      }
      writeAll(fd, body);
      written += body.length;
      packets += offs.length;
    }
  } catch (e) {
    // The reader went away (cancelled): not an error for a generator.
    if ((e as { code?: string }).code !== 'EPIPE') throw e;
  } finally {
    fs.closeSync(fd);
  }
  return { packets, bytes: written };
}

if (require.main === module) {
  const [out, bytes, source] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(generate(out, Number(bytes), source))}\n`);
}
