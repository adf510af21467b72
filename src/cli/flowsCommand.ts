import { CaptureFormatError } from '../core/capture';
import { analyseCaptures, FlowReport, toFlowsJson } from '../core/flows';
import { LINK_TYPE_NAMES } from '../core/capture/linkTypes';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { endpointText } from '../core/text';

const USAGE = 'usage: queue-lens flows FILE... [--json] [--bin MS] [--max-flows N]';

const HELP = `${USAGE}

The flow table of pcap/pcapng captures (gzip-compressed too; several files of a rotated set are merged by
time): protocol, both endpoints, packets and bytes each way, start and duration, and the VXLAN/Geneve tunnel
that carried a flow. --json prints the same as an object; --bin MS sets the time-series bin (default 100 ms).
Exit status: 0 read, 1 bad arguments, 2 a file that cannot be read as a capture.
`;

const endpoint = endpointText;

function text(r: FlowReport): string {
  const lts = r.linkTypes.map((lt) => `${LINK_TYPE_NAMES[lt] ?? 'unknown'} (${lt})`).join(', ');
  const lines = [
    `${r.file}: ${r.compression ? `${r.compression}-compressed ` : ''}${r.format}, ${lts}`,
    `${r.packets} packets, ${r.bytes} bytes, from ${r.packets ? new Date(r.start * 1000).toISOString() : '-'} for ${r.duration.toFixed(6)} s`,
    '',
  ];
  const rows = r.flows.map((f) => [
    f.proto,
    endpoint(f.a),
    endpoint(f.b),
    String(f.aToB.packets),
    String(f.aToB.bytes),
    String(f.bToA.packets),
    String(f.bToA.bytes),
    f.start.toFixed(6),
    f.duration.toFixed(6),
    f.tunnel ? `${f.tunnel.kind ?? 'tunnel'} ${f.tunnel.vni ?? ''} via ${endpoint(f.tunnel.a)} -> ${endpoint(f.tunnel.b)}` : '',
  ]);
  const head = ['proto', 'A', 'B', 'A>B pkts', 'A>B bytes', 'B>A pkts', 'B>A bytes', 'start', 'duration', 'tunnel'];
  // Loops, not Math.max(...rows): a spread of a million rows overflows the call stack.
  const widths = head.map((h) => h.length);
  for (const row of rows) for (let i = 0; i < row.length; i++) if (row[i].length > widths[i]) widths[i] = row[i].length;
  const fmt = (row: string[]): string =>
    row.map((c, i) => (i >= 3 && i <= 8 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  lines.push(fmt(head));
  for (const row of rows) lines.push(fmt(row));
  if (r.otherFlows) lines.push(`other flows (${r.otherFlows.flows} added up): ${r.otherFlows.packets} packets, ${r.otherFlows.bytes} bytes`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** `queue-lens flows FILE... [--json] [--bin MS]`: the flow table of one capture or a rotated set merged by time. */
export const runFlows: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals: files } = parseCliArgs({
    args: argv,
    options: { json: { type: 'boolean' }, bin: { type: 'string' }, 'max-flows': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  }, USAGE);
  if (values.help === true) { io.out(HELP); return 0; }
  if (files.length === 0) throw new UsageError(`no capture file given\n${USAGE}`);
  let binMs = 100;
  if (values.bin !== undefined) {
    binMs = Number(values.bin);
    if (values.bin.trim() === '' || !Number.isFinite(binMs) || binMs <= 0) throw new UsageError(`--bin wants a positive number of milliseconds, not '${values.bin}'`);
  }
  let maxFlows: number | undefined;
  const mf = values['max-flows'];
  if (mf !== undefined) {
    maxFlows = Number(mf);
    if (!/^\d+$/.test(mf.trim()) || !(maxFlows >= 1)) throw new UsageError(`--max-flows wants a positive whole number, not '${mf}'`);
  }
  let report: FlowReport;
  try {
    // FIFOs are read here (and only here): the user named the path on the command line.
    report = await analyseCaptures(files, { binMs, allowFifo: true, maxFlows });
  } catch (e) {
    if (e instanceof CaptureFormatError) {
      io.err(`queue-lens flows: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values.json) io.out(`${JSON.stringify(toFlowsJson(report))}\n`);
  else io.out(text(report));
  for (const w of report.warnings) if (values.json) io.err(`queue-lens flows: warning: ${w}\n`);
  return 0;
};
