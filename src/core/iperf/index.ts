// Entry point: parseIperfLog reads any iperf 2 / iperf3 output form into one IperfLog.
import { LogCollector } from './collector';
import { detectIperf } from './detect';
import { IperfParseError } from './errors';
import { parseIperf2Csv } from './iperf2Csv';
import { parseIperf2Text } from './iperf2Text';
import { parseIperf3Json } from './iperf3Json';
import { parseIperf3Text } from './iperf3Text';
import { SourceLine, splitLines } from './lines';
import { IperfLog, IperfTest } from './model';

export * from './model';
export { IperfParseError } from './errors';
export { detectIperf } from './detect';
export type { Detected } from './detect';
export { toIperfCliJson } from './cliJson';
export type { IperfCliJson, IperfCliStream, IperfCliTest, IperfCliInterval } from './cliJson';

/**
 * Parse an iperf log. Throws IperfParseError (1-based `line`, message "file:line: reason") for a malformed number;
 * a last line cut mid-write is dropped and `truncated` set instead.
 */
export function parseIperfLog(text: string, fileName?: string): IperfLog {
  const body = text.replace(/^\uFEFF/, '');
  const { tool, format } = detectIperf(body);
  try {
    return build(body, tool, format, fileName);
  } catch (e) {
    if (e instanceof IperfParseError) throw new IperfParseError(e.line, e.reason, fileName);
    throw e;
  }
}

function build(body: string, tool: IperfLog['tool'], format: IperfLog['format'], fileName: string | undefined): IperfLog {
  let log = new LogCollector();
  let tests: IperfTest[];
  if (format === 'json') {
    tests = parseIperf3Json(body, log);
  } else {
    const { lines, partialLast } = splitLines(body);
    const run = (src: SourceLine[], into: LogCollector): IperfTest[] =>
      format === 'csv' ? parseIperf2Csv(src, into) : tool === 'iperf3' ? parseIperf3Text(src, into) : parseIperf2Text(src, into);
    try {
      tests = run(lines, log);
    } catch (e) {
      // an error on a last line with no newline is a log cut short, not a malformed one
      if (!(e instanceof IperfParseError && partialLast && e.line === lines.length)) throw e;
      log = new LogCollector();
      tests = run(lines.slice(0, -1), log);
      log.truncated = true;
    }
  }
  // an unreadable fragment as the very last line is where the log was cut, not an unknown line
  const lastUnknown = log.unknown.at(-1);
  if (format !== 'json' && lastUnknown && endsWithoutNewline(body) && lastUnknown.line === countLines(body) - 1) {
    log.unknown.pop();
    log.truncated = true;
  }
  const result: IperfLog = {
    tool,
    format,
    tests,
    messages: log.messages,
    unknown: log.unknown,
    unknownLines: log.unknown.length,
    truncated: log.truncated,
  };
  if (fileName !== undefined) result.fileName = fileName;
  if (log.version) result.version = log.version;
  return result;
}

function endsWithoutNewline(body: string): boolean {
  return body.length > 0 && !/[\r\n]$/.test(body);
}

function countLines(body: string): number {
  return body.split(/\r?\n|\r/).length;
}
