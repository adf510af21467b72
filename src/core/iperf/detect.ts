// Tell the tool and output form from the content alone (never the file name).
import { CSV_HEADER, CSV_RECORD } from './iperf2Csv';
import { IperfFormat, IperfTool } from './model';
import { stripTimestamp } from './textLines';

export interface Detected {
  tool: IperfTool;
  format: IperfFormat;
}

const IPERF3_MARKS: RegExp[] = [
  /^Connecting to host /, /\bconnected to \S+ port/, /^Server listening on \d+/, /^Accepted connection from /,
  /^iperf Done/, /^(?:- ){5}/, /\s(?:sender|receiver)$/, /\bBitrate\b/, /^\[\s*\d+\]\[[TR]X-[CS]\]/, /^iperf 3/,
  /^\[\s*(?:\d+|SUM)\]\s+\d+\.\d\d-\d+\.\d\d\s+sec/,
];
const IPERF2_MARKS: RegExp[] = [
  /^Client connecting to /, /\bconnected with \S+ port/, /^Server listening on (?:TCP|UDP) port/, /Server Report:/,
  /^iperf version 2/, /^\[\s*(?:\d+|SUM)\]\s+\d+\.(?:\d|\d{4})-\s*\d+\.(?:\d|\d{4}) sec/, /^(?:TCP window size|UDP buffer size):/,
];

export function detectIperf(text: string): Detected {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*{/.test(body)) return { tool: 'iperf3', format: 'json' };
  const lines = body.split(/\r?\n/, 5000);
  let csv = 0;
  let v3 = 0;
  let v2 = 0;
  for (const raw of lines) {
    if (CSV_RECORD.test(raw) || CSV_HEADER.test(raw)) {
      csv++;
      continue;
    }
    const line = stripTimestamp(raw.trimEnd());
    if (IPERF3_MARKS.some((re) => re.test(line))) v3++;
    if (IPERF2_MARKS.some((re) => re.test(line))) v2++;
  }
  if (csv > 0 && csv >= v2 + v3) return { tool: 'iperf2', format: 'csv' };
  // a tie (or nothing recognised) reads as iperf 2, the seed experiment's tool
  return { tool: v3 > v2 ? 'iperf3' : 'iperf2', format: 'text' };
}
