// `queue-lens correlate CAPTURE LOG`: a capture and an iperf log of the same run, stream by stream.
import * as path from 'node:path';
import { correlate, Correlation } from '../core/analysis/correlate/correlate';
import { analyseCaptures } from '../core/flows';
import { IperfLog, parseIperfLog } from '../core/iperf';
import { CliIo, parseCliArgs, readTextFile, Subcommand, UsageError } from './io';
import { countOf, endpointText, formatMbit, formatRatio, plural } from '../core/text';

const USAGE = 'usage: queue-lens correlate CAPTURE LOG [--json]';

const HELP = `${USAGE}

Matches each stream of the iperf log to the capture's flow with the same 4-tuple (either direction) and prints
iperf's bytes and rate next to the capture's (wire bytes in the stream's data direction, over the flow's first
to last packet), then the streams with no flow and the flows with no stream. --json prints the same as an
object with rates in bits/s.

When no stream matches, the reason (different addresses, ports or protocols, and the capture's time span) goes
to stderr and the exit status is 2 (1: bad arguments).
`;


function renderText(c: Correlation): string {
  const head = ['stream', 'from', 'to', 'iperf bytes', 'iperf Mbit/s', 'capture bytes', 'capture Mbit/s', 'capture/iperf'];
  const rows = c.matched.map((m) => [
    `${m.test > 0 ? `${m.test + 1}/` : ''}${m.streamId}`,
    endpointText(m.from), endpointText(m.to),
    String(m.iperf.bytes), formatMbit(m.iperf.bitsPerSecond),
    String(m.capture.bytes), formatMbit(m.capture.bitsPerSecond),
    formatRatio(m.byteRatio) + (m.tunnelled ? ' (tunnelled)' : ''),
  ]);
  const w = head.map((h) => h.length); // a loop: Math.max(...rows) overflows the stack on huge tables
  for (const r of rows) for (let i = 0; i < w.length; i++) if (r[i].length > w[i]) w[i] = r[i].length;
  const fmt = (r: string[]): string => r.map((x, i) => (i >= 3 && i <= 6 ? x.padStart(w[i]) : x.padEnd(w[i]))).join('  ').trimEnd();
  const out = [
    `${c.captureFile ?? 'capture'} ↔ ${c.logFile ?? 'log'}: ${countOf(c.matched.length, 'stream')} matched, ` +
      `${c.unmatchedStreams.length} unmatched ${plural(c.unmatchedStreams.length, 'stream')}, ` +
      `${countOf(c.unmatchedFlows.length, 'flow')} with no stream`,
    '',
    fmt(head),
    ...rows.map(fmt),
  ];
  if (c.unmatchedStreams.length) {
    out.push('', 'streams with no flow:');
    for (const s of c.unmatchedStreams) {
      out.push(`  ${s.streamId}  ${s.local ? endpointText(s.local) : '?'} - ${s.remote ? endpointText(s.remote) : '?'}  (${s.reason})`);
    }
  }
  if (c.unmatchedFlows.length) {
    out.push('', 'flows with no stream:');
    for (const f of c.unmatchedFlows) {
      const note = f.carries ? `  (tunnel carrying ${plural(f.carries.length, 'flow')} ${f.carries.join(', ')})` : '';
      out.push(`  ${f.proto} ${endpointText(f.a)} - ${endpointText(f.b)}  ${countOf(f.packets, 'packet')}, ${countOf(f.bytes, 'byte')}${note}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const correlateCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const parsed = parseCliArgs({
    args: argv,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  }, USAGE);
  const json = parsed.values.json === true;
  const files = parsed.positionals;
  if (parsed.values.help === true) { io.out(HELP); return 0; }
  if (files.length !== 2) throw new UsageError(`expected a capture and an iperf log, got ${countOf(files.length, 'file')}\n${USAGE}`);
  const [captureFile, logFile] = files;
  const text = readTextFile(io, 'correlate', logFile);
  if (text === undefined) return 2;
  // parse errors name the file and line; main prints them with exit code 2
  const log: IperfLog = parseIperfLog(text, path.basename(logFile));
  const report = await analyseCaptures([captureFile]);
  const result = correlate({ ...report, file: path.basename(captureFile) }, log);
  if (json) io.out(`${JSON.stringify(result)}\n`);
  else io.out(renderText(result));
  for (const w of report.warnings) io.err(`warning: ${captureFile}: ${w}\n`);
  // a log of another run is an input error: say why on stderr and exit 2, so scripts notice
  if (result.noMatch !== undefined) {
    io.err(`queue-lens correlate: no stream of ${path.basename(logFile)} matched a flow of ${path.basename(captureFile)}: ${result.noMatch}\n`);
    return 2;
  }
  return 0;
};
