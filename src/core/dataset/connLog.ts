// The streams as a Zeek conn.log (TSV with Zeek's header lines) plus Zeek's community_id column. Bytes are payload
// bytes, as Zeek's orig_bytes; what Zeek learns only from packets (history, conn_state, packet counts) is unset.
import { createHash } from 'node:crypto';
import type { Dataset } from './datasetModel';

const FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes',
  'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents', 'community_id'];
const TYPES = ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum', 'string', 'interval', 'count', 'count',
  'string', 'bool', 'bool', 'count', 'string', 'count', 'count', 'count', 'count', 'set[string]', 'string'];

/** A Zeek-shaped uid ("C" + 17 base-62 characters), derived from the run and stream so a re-export gives the same one. */
function uid(runId: string, streamId: number): string {
  const h = createHash('sha1').update(`${runId}#${streamId}`).digest();
  const abc = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let s = 'C';
  for (let i = 0; i < 17; i++) s += abc[h[i] % 62];
  return s;
}

const clean = (v: string): string => v.replace(/[\t\n\r\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** ts: the run's date at 00:00 UTC (iperf text logs carry no start time); duration: the run's seconds. */
export function connLog(d: Dataset, opened = new Date(0)): string {
  const runs = new Map(d.runs.map((r) => [r.run_id, r]));
  const stamp = (date: string): string => {
    const t = Date.parse(`${date}T00:00:00Z`);
    return Number.isFinite(t) ? (t / 1000).toFixed(6) : '-';
  };
  const iso = opened.toISOString().replace('T', '-').replace(/:/g, '-').slice(0, 19);
  const lines = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', `#open\t${iso}`,
    `#fields\t${FIELDS.join('\t')}`, `#types\t${TYPES.join('\t')}`];
  for (const s of d.streams) {
    const run = runs.get(s.run_id);
    lines.push([
      stamp(s.date), uid(s.run_id, s.stream_id), s.orig_h, String(s.orig_p), s.resp_h, String(s.resp_p), s.proto, '-',
      run ? run.seconds.toFixed(6) : '-', String(s.payload_bytes), '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '(empty)', s.community_id,
    ].map(clean).join('\t'));
  }
  lines.push(`#close\t${iso}`);
  return `${lines.join('\n')}\n`;
}
