// Tell the tool and output form from the content alone (never the file name), by the log's structure:
// which headers, connect lines and column headings it has, not how many rows of one shape it holds.
import { CSV_HEADER, CSV_RECORD } from './iperf2Csv';
import { MAX_LINE_LENGTH } from './lines';
import { IperfFormat, IperfTool } from './model';
import { splitTitle, stripTimestamp } from './textLines';

export interface Detected {
  tool: IperfTool;
  format: IperfFormat;
  /** -J output preceded by terminal bytes or stray lines ("^C{", "ESC[F{"): how many characters come before the JSON. */
  jsonOffset?: number;
}

// Lines only iperf3 prints. Each kind counts once, however often it occurs.
const IPERF3_MARKS: RegExp[] = [
  /^Connecting to host /, /^Server listening on \d+/, /^Accepted connection from /, /^iperf Done/, /^iperf 3/,
  /^\[\s{0,8}ID\]\[Role\]/, /^\[\s{0,8}ID\] Interval\s{1,16}Transfer\s{1,16}(?:Bitrate|Bandwidth)\s{1,16}(?:Retr|Jitter|Total Datagrams)/,
  /^\[\s{0,8}\d{1,6}\] local \S{1,80} port \d{1,5} connected to \S{1,80} port \d{1,5}$/, /^(?:- ){5}/, /^Reverse mode, /,
  /^Starting Test: /, /^Test Complete/, /^Server output:$/, /^\[\s{0,8}\d{1,6}\]\[[TR]X-[CS]\]/,
];
// Lines only iperf 2 prints.
const IPERF2_MARKS: RegExp[] = [
  /^Client connecting to /, /^Server listening on (?:TCP|UDP) port/, /^\[\s{0,8}\d{1,6}\] local \S{1,80} port \d{1,5} connected with /,
  /^\[\s{0,8}\S{1,16}\] Server Report:/, /^iperf version 2/, /^(?:TCP window size|UDP buffer size|Read buffer size|Write buffer size):/,
  /^\[\s{0,8}ID\] Interval.{0,40}(?:Write\/Err|Reads=|Latency avg|Cwnd\/RTT)/, /\(peer 2\.\d/,
];
// Row shapes: only a tie-break when a log (grepped rows, say) has none of the lines above.
// iperf3 pads its times ("%6.2f-%-6.2f sec": two spaces before "sec" below 100 s); iperf 2 prints one space.
const IPERF3_ROW = /^\[\s{0,8}(?:\d{1,6}|SUM)\](?:\[[TR]X-[CS]\])?\s{1,8}\d{1,6}\.\d\d-\d{1,6}\.\d\d(?:\s{2,8}sec|\s{1,8}sec\b.{0,200}(?:sender|receiver)$)/;
const IPERF2_ROW = /^\[\s{0,8}(?:\d{1,6}|SUM)\]\s{1,8}\d{1,6}\.(?:\d|\d\d|\d{4})-\s{0,4}\d{1,6}\.(?:\d|\d\d|\d{4}) sec\b(?!.{0,200}(?:sender|receiver)$)/;

// Terminal bytes a shell can leave before iperf3's "{": a ^C echo, CSI/OSC/SS3 escapes and charset designations
// (raw, or written as ^[ by a copy), other control characters.
// eslint-disable-next-line no-control-regex -- matching terminal control bytes is the point
const TERMINAL_JUNK = /^(?:\^[@-_?]|(?:\x1b|\^\[)(?:\[[0-9;?]{0,16}[@-~]|\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)|O[ -~]|[()*+][ -~]|[@-_])|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]|[ \t\r\n])*$/;
/**
 * Any other short run on the JSON's line (the printable rest of an escape whose ESC was lost, "[F", "OF"): at most
 * this many characters, none of JSON's own punctuation. The warning quotes what was skipped, so nothing is hidden.
 */
const SHORT_RUN = /^[^{}"\n]{1,16}$/;

/** Where -J JSON starts when something precedes its "{": terminal junk on its line, or whole non-JSON lines. */
function jsonStart(body: string): number | undefined {
  if (/^\s*{/.test(body.slice(0, 256))) return 0;
  // a line that begins (after terminal junk) with '{' and '"' is the object's first line; look only near the top
  const head = body.slice(0, 8192);
  for (let at = head.indexOf('{'); at >= 0; at = head.indexOf('{', at + 1)) {
    const lineStart = head.lastIndexOf('\n', at) + 1;
    const before = head.slice(lineStart, at);
    if (!TERMINAL_JUNK.test(before) && !SHORT_RUN.test(before)) continue;
    if (!/^{\s*("|})/.test(head.slice(at, at + 64))) continue;
    // only white space before it: plain JSON, nothing skipped
    return head.slice(0, at).trim() === '' ? 0 : at;
  }
  return undefined;
}

export function detectIperf(text: string): Detected {
  const body = text.replace(/^\uFEFF/, '');
  const json = jsonStart(body);
  if (json === 0) return { tool: 'iperf3', format: 'json' };
  const lines = body.split(/\r?\n|\r/, 5000);
  let csv = 0;
  let textual = 0;
  const v3 = new Set<number>();
  const v2 = new Set<number>();
  let rows3 = 0;
  let rows2 = 0;
  for (const raw of lines) {
    if (raw.length > MAX_LINE_LENGTH) continue;
    if (CSV_RECORD.test(raw) || CSV_HEADER.test(raw)) {
      csv++;
      continue;
    }
    const titled = splitTitle(raw);
    const line = stripTimestamp((titled && !titled.bare ? titled.rest : raw).trimEnd());
    let seen = false;
    IPERF3_MARKS.forEach((re, i) => { if (re.test(line)) { v3.add(i); seen = true; } });
    IPERF2_MARKS.forEach((re, i) => { if (re.test(line)) { v2.add(i); seen = true; } });
    if (IPERF3_ROW.test(line)) { rows3++; seen = true; }
    if (IPERF2_ROW.test(line)) { rows2++; seen = true; }
    if (seen) textual++;
  }
  if (json !== undefined && v2.size === 0 && v3.size === 0 && csv === 0) return { tool: 'iperf3', format: 'json', jsonOffset: json };
  if (csv > 0 && csv >= textual) return { tool: 'iperf2', format: 'csv' };
  if (v3.size !== v2.size) return { tool: v3.size > v2.size ? 'iperf3' : 'iperf2', format: 'text' };
  // a tie (or nothing recognised) reads as iperf 2, the seed experiment's tool
  return { tool: rows3 > rows2 ? 'iperf3' : 'iperf2', format: 'text' };
}
