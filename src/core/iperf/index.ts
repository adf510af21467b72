// Entry point: parseIperfLog reads any iperf 2 / iperf3 output form into one IperfLog.
import { LogCollector } from './collector';
import { Detected, detectIperf } from './detect';
import { IperfParseError } from './errors';
import { countOf, untrustedText } from '../text';
import { parseIperf2Csv } from './iperf2Csv';
import { parseIperf2Text } from './iperf2Text';
import { parseIperf3Json } from './iperf3Json';
import { parseIperf3Text } from './iperf3Text';
import { MAX_LINE_LENGTH, SourceLine, splitLines } from './lines';
import { splitTitle, stripTimestamp, Titled } from './textLines';
import { IperfLog, IperfTest } from './model';

export * from './model';
export { IperfParseError } from './errors';
export { toIperfCliJson } from './cliJson';
export { senderTuple } from './senderTuple';

/**
 * Parse an iperf log. Throws IperfParseError (1-based `line`, message "file:line: reason") for a malformed number;
 * a last line cut mid-write is dropped and `truncated` set instead.
 */
export function parseIperfLog(text: string, fileName?: string): IperfLog {
  const body = text.replace(/^\uFEFF/, '');
  const detected = detectIperf(body);
  try {
    return build(body, detected, fileName);
  } catch (e) {
    if (e instanceof IperfParseError) throw new IperfParseError(e.line, e.reason, fileName);
    throw e;
  }
}

type Parser = (src: SourceLine[], into: LogCollector) => IperfTest[];

function build(body: string, detected: Detected, fileName: string | undefined): IperfLog {
  const { tool, format } = detected;
  const { log, tests, longLines } = format === 'json' ? readJsonBody(body, detected) : readTextBody(body, detected);
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
  if (longLines > 0) result.longLines = longLines;
  return result;
}

type BodyRead = { log: LogCollector; tests: IperfTest[]; longLines: number };

function readJsonBody(body: string, detected: Detected): BodyRead {
  const log = new LogCollector();
  const offset = detected.jsonOffset ?? 0;
  // keep every line where it was: the bytes before the JSON become spaces, their line breaks stay
  const json = offset > 0 ? body.slice(0, offset).replace(/[^\r\n]/g, ' ') + body.slice(offset) : body;
  const tests = parseIperf3Json(json, log);
  if (offset > 0) {
    log.readerWarning(0,
      `${countOf(offset, 'character')} of terminal output before the JSON skipped: "${untrustedText(body.slice(0, Math.min(offset, 80)))}"${offset > 80 ? '…' : ''}`);
  }
  return { log, tests, longLines: 0 };
}

/** A text or CSV log, line by line; a last line cut short (no newline) is a truncated log, not a malformed one. */
function readTextBody(body: string, detected: Detected): BodyRead {
  const { tool, format } = detected;
  let log = new LogCollector();
  let tests: IperfTest[];
  const split = splitLines(body);
  const parse: Parser = format === 'csv' ? parseIperf2Csv : tool === 'iperf3' ? parseIperf3Text : parseIperf2Text;
  const lastLine = split.lines.at(-1)?.line;
  try {
    tests = parseTitled(split.lines, log, parse);
  } catch (e) {
    // an error on a last line with no newline is a log cut short, not a malformed one
    if (!(e instanceof IperfParseError && split.partialLast && lastLine !== undefined && e.line === lastLine + 1)) throw e;
    log = new LogCollector();
    tests = parseTitled(split.lines.slice(0, -1), log, parse);
    log.truncated = true;
  }
  if (split.longLines > 0) {
    log.readerWarning(split.firstLongLine ?? 0, `${countOf(split.longLines, 'line')} longer than ${MAX_LINE_LENGTH} characters (longer than any iperf line) skipped without being read, the first at line ${(split.firstLongLine ?? 0) + 1}`);
  }
  // an unreadable fragment of an iperf line as the very last line is where the log was cut, not an unknown line;
  // a last line of prose ("Average Bandwidth: 38.45 Gbits/sec") stays an unknown line
  const lastUnknown = log.unknown.at(-1);
  if (lastUnknown && split.partialLast && lastUnknown.line === lastLine && looksCut(lastUnknown.text)) {
    log.unknown.pop();
    log.truncated = true;
  }
  return { log, tests, longLines: split.longLines };
}

/**
 * iperf3 -T/--title puts "TITLE:  " before every line; several titled runs may share one terminal (one title each).
 * A title seen on two or more lines marks a titled log: each title's lines are read on their own, prefix removed.
 */
function parseTitled(lines: SourceLine[], log: LogCollector, parse: Parser): IperfTest[] {
  const counts = new Map<string, number>();
  const titled: (Titled | undefined)[] = lines.map((l) => {
    const t = splitTitle(l.text);
    if (t && !t.bare) counts.set(t.title, (counts.get(t.title) ?? 0) + 1);
    return t;
  });
  const titles = new Set([...counts].filter(([, n]) => n >= 2).map(([t]) => t));
  if (titles.size === 0) return parse(lines, log);
  const groups = new Map<string, SourceLine[]>([['', []]]);
  for (const t of titles) groups.set(t, []);
  lines.forEach((l, i) => {
    const t = titled[i];
    if (t && titles.has(t.title)) groups.get(t.title)?.push({ line: l.line, text: t.rest });
    else groups.get('')?.push(l);
  });
  const tests: IperfTest[] = [];
  for (const [title, group] of groups) {
    if (group.length === 0) continue;
    for (const t of parse(group, log)) {
      if (title !== '') t.title = title;
      tests.push(t);
    }
  }
  log.unknown.sort((a, b) => a.line - b.line);
  log.messages.sort((a, b) => a.line - b.line);
  return tests.sort((a, b) => a.startLine - b.startLine);
}

// Starts of iperf lines that a log cut mid-write can end with.
const LINE_PREFIXES = [
  'Client connecting to', 'Connecting to host', 'Server listening on', 'Accepted connection from', 'iperf Done.',
  'TCP window size:', 'UDP buffer size:', 'Read buffer size:', 'Write buffer size:', 'Reverse mode, remote host',
];

/** Whether a last line without its newline is the start of an iperf line (cut) rather than prose. */
function looksCut(text: string): boolean {
  const t = stripTimestamp(splitTitle(text)?.rest ?? text).trim();
  if (/^\[/.test(t) || /^(?:-{3,}|(?:- ){2,})/.test(t) || /^[+-]?\d{4,}(?:[.,:]|$)/.test(t)) return true;
  return t.length >= 3 && LINE_PREFIXES.some((p) => p.startsWith(t));
}
