// Windows PV XENVIF __TransmitterHashPacket (8.1.0, unchanged in master): an 8-bit fold.
import { ParsedFlow } from './flow';

/** Fold one byte into the running value; the overflow fold keeps the result in 0..255. */
function step(current: number, byte: number): number {
  let c = ((current << 4) + byte) >>> 0;
  const overflow = c & 0x000fff00;
  if (overflow !== 0) {
    c ^= overflow >>> 8;
    c ^= overflow;
  }
  return c >>> 0;
}

/** Over src addr ‖ dst addr ‖ sport ‖ dport, bytes in packet order (TCP and UDP alike). */
export function xenvifHash8(flow: ParsedFlow): number {
  let c = 0;
  for (const b of flow.src) c = step(c, b);
  for (const b of flow.dst) c = step(c, b);
  c = step(c, flow.sport >>> 8);
  c = step(c, flow.sport & 0xff);
  c = step(c, flow.dport >>> 8);
  c = step(c, flow.dport & 0xff);
  return c;
}

/** The same fold over arbitrary bytes (for tests and custom headers). */
export function xenvifHash8Bytes(bytes: Uint8Array): number {
  let c = 0;
  for (const b of bytes) c = step(c, b);
  return c;
}
