/**
 * A stream's identity across `observed`, the preset check, the annotations, the report and the sweep: its test and
 * 4-tuple. The local port alone is not one: in a server log every stream's local port is 5201, and a log with several
 * tests may reuse a port. Pure; no Node types (the webview may show keys).
 */

/** One end as written: IPv6 in brackets. */
const end = (e: { ip: string; port: number }): string => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

/**
 * "test 2: tcp 10.0.0.1:42000 → 10.0.0.2:5201" (local → remote as the log names them; test counted from 1), or
 * "test 2: stream 5" when the log gives no endpoints.
 */
export function streamKey(testIndex: number, protocol: string, s: { id: number; local?: { ip: string; port: number }; remote?: { ip: string; port: number } }): string {
  const t = `test ${testIndex + 1}`;
  if (!s.local || !s.remote) return `${t}: stream ${s.id}${s.local ? ` local port ${s.local.port}` : ''}`;
  return `${t}: ${protocol} ${end(s.local)} → ${end(s.remote)}`;
}

/** A capture's flow as its key when there is no log: "tcp src → dst" (the data's direction). */
export function flowKey(f: { proto: string; src: { ip: string; port: number }; dst: { ip: string; port: number } }): string {
  return `${f.proto} ${end(f.src)} → ${end(f.dst)}`;
}
