import { IperfLog, IperfParseError, IperfStream, IperfTest, parseIperfLog, toIperfCliJson } from '../core/iperf';
import { CliIo, parseCliArgs, readTextFile, Subcommand, UsageError } from './io';
import { countOf, endpointText } from '../core/text';

const USAGE = 'usage: queue-lens iperf FILE [--json]';

const HELP = `${USAGE}

The tests, streams, totals and [SUM] of an iperf 2 or iperf3 log, whatever its form (text, iperf 2 -y C CSV,
iperf3 -J JSON, --json-stream) and whatever its name: the form is detected from the content. Each stream's
role (sender/receiver) and, for --bidir, its TX/RX tag. --json prints the same as an object.
Exit status: 0 read, 1 bad arguments, 2 a file that is not an iperf log.
`;

const endpoint = (e: { ip: string; port: number } | undefined): string => (e ? endpointText(e) : '?');

/** Rates the way iperf prints them: powers of 1000. */
function rate(bps: number): string {
  const units = ['bits/sec', 'Kbits/sec', 'Mbits/sec', 'Gbits/sec', 'Tbits/sec'];
  let v = bps;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[i]}`;
}

function testText(t: IperfTest, n: number, cli: ReturnType<typeof toIperfCliJson>['tests'][number]): string[] {
  const lines = [`test ${n}: ${t.protocol}, ${t.side} side, ${t.direction}, ${countOf(t.streams.length, 'stream')} (line ${t.startLine + 1})`];
  const rows = t.streams.map((s: IperfStream, i) => {
    const c = cli.streams[i];
    return [
      String(s.id) + (s.tag ? ` ${s.tag}` : ''),
      s.role,
      endpoint(s.local),
      endpoint(s.remote),
      String(c.bytes),
      c.seconds.toFixed(4),
      rate(c.bitsPerSecond),
      String(s.intervals.length),
      s.totals ? '' : 'no final summary',
    ];
  });
  const sumRow = (label: string, x: typeof cli.sum, note: string): string[] =>
    [label, '', '', '', String(x.bytes), '', rate(x.bitsPerSecond), '', x.totalsFrom ? 'added up from intervals' : note];
  if (cli.sumSent && cli.sumReceived) {
    // --bidir: iperf3's [SUM] of each direction, then both added up (as in --json)
    rows.push(sumRow('SUM TX', cli.sumSent, 'sent by this host'), sumRow('SUM RX', cli.sumReceived, 'received by this host'),
      sumRow('SUM', cli.sum, 'both directions'));
  } else {
    rows.push(sumRow('SUM', cli.sum, t.sum?.totals ? '' : 'added up'));
  }
  const head = ['id', 'role', 'local', 'remote', 'bytes', 'seconds', 'rate', 'intervals', ''];
  const widths = head.map((h) => h.length); // a loop: Math.max(...rows) overflows the stack on huge tables
  for (const r of rows) for (let i = 0; i < widths.length; i++) if (r[i].length > widths[i]) widths[i] = r[i].length;
  const fmt = (r: string[]): string => r.map((c, i) => (i >= 4 && i <= 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  lines.push(`  ${fmt(head)}`, ...rows.map((r) => `  ${fmt(r)}`));
  return lines;
}

function text(log: IperfLog, file: string): string {
  const cli = toIperfCliJson(log);
  const lines = [`${file}: ${log.tool}${log.version ? ` (${log.version})` : ''} ${log.format}, ${countOf(log.tests.length, 'test')}`];
  log.tests.forEach((t, i) => { lines.push(''); for (const l of testText(t, i + 1, cli.tests[i])) lines.push(l); });
  lines.push('');
  for (const m of log.messages) lines.push(`${m.level} (line ${m.line + 1}): ${m.text}`);
  if (log.truncated) lines.push('warning: the log is cut short; only its complete rows are shown');
  lines.push(`unknown lines: ${log.unknownLines}`);
  return `${lines.join('\n')}\n`;
}

/** `queue-lens iperf FILE [--json]`: the streams, totals and [SUM] of any iperf 2 / iperf3 log. */
export const runIperf: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const parsed = parseCliArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }, USAGE);
  if (parsed.values.help === true) { io.out(HELP); return 0; }
  const json = parsed.values.json === true;
  const files = parsed.positionals;
  if (files.length !== 1) throw new UsageError(`${files.length === 0 ? 'no iperf log given' : 'one iperf log at a time'}\n${USAGE}`);
  const file = files[0];
  const content = readTextFile(io, 'iperf', file);
  if (content === undefined) return 2;
  let log: IperfLog;
  try {
    log = parseIperfLog(content, file);
  } catch (e) {
    if (e instanceof IperfParseError) {
      io.err(`queue-lens iperf: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (log.tests.length === 0) {
    for (const m of log.messages) io.err(`${file}:${m.line + 1}: ${m.level}: ${m.text}\n`);
    io.err(`queue-lens iperf: ${file}: no iperf test found\n`);
    return 2;
  }
  io.out(json ? `${JSON.stringify(toIperfCliJson(log), null, 2)}\n` : text(log, file));
  return 0;
};
