// The one home of the text formats Queue Lens shows: endpoints (IPv6 in brackets), hashes, sizes, times and
// error messages. Pure (no Node, no DOM): the webview bundles it, the extension, exports and the CLI import it.
import { formatEndpoint } from '../hashing/ip';

export { formatEndpoint };

/** "10.0.0.1:5001", "[fd00::1]:42000". */
export function endpointText(e: { ip: string; port: number }): string {
  return formatEndpoint(e.ip, e.port);
}

/** "tcp 10.0.0.1:40000 → 10.0.0.2:5001": a flow as the queue views label it (source → destination). */
export function flowLabel(t: { proto: string; src: { ip: string; port: number }; dst: { ip: string; port: number } }): string {
  return `${t.proto} ${endpointText(t.src)} → ${endpointText(t.dst)}`;
}

/** A 32-bit hash as 0x%08x. */
export function hex32(h: number): string {
  return `0x${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** Binary units for bytes, as Wireshark does: "1.5 MiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** "1 packet", "2 packets": a count with its noun. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatSeconds(s: number): string {
  return `${s.toFixed(3)} s`;
}

/** The message of anything thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
