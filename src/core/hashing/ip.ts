// Address parsing without node:net so the core also runs in the webview.

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order. */
export type IpBytes = Uint8Array;

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const v = Number(parts[i]);
    if (v > 255) return undefined;
    out[i] = v;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const words: number[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4) supplies the last two words.
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.indexOf('.', lastColon) >= 0) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return undefined;
    words.push(...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail);
  } else {
    if (head.length !== 8) return undefined;
    words.push(...head);
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => { out[2 * i] = w >> 8; out[2 * i + 1] = w & 0xff; });
  return out;
}

/** Parse a dotted-quad IPv4 or an RFC 4291 IPv6 address; throws on anything else. */
export function parseIp(text: string): IpBytes {
  const t = text.trim();
  const v = t.includes(':') ? parseIpv6(t) : parseIpv4(t);
  if (!v) throw new SyntaxError(`not an IP address: '${text}'`);
  return v;
}

/** "IP:PORT", "[IPv6]:PORT" (or bare IPv6 "addr.port" is not accepted: use brackets). */
export function parseEndpoint(text: string): { ip: string; port: number } {
  const t = text.trim();
  let ip: string;
  let port: string;
  if (t.startsWith('[')) {
    const close = t.indexOf(']');
    if (close < 0 || t[close + 1] !== ':') throw new SyntaxError(`expected [IPv6]:PORT, got '${text}'`);
    ip = t.slice(1, close);
    port = t.slice(close + 2);
  } else {
    const colon = t.lastIndexOf(':');
    if (colon < 0 || t.indexOf(':') !== colon) throw new SyntaxError(`expected IP:PORT or [IPv6]:PORT, got '${text}'`);
    ip = t.slice(0, colon);
    port = t.slice(colon + 1);
  }
  parseIp(ip);
  return { ip, port: parsePort(port) };
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text.trim())) throw new SyntaxError(`not a port: '${text}'`);
  const p = Number(text);
  if (p > 65535) throw new SyntaxError(`port out of range: ${p}`);
  return p;
}

export function formatEndpoint(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
