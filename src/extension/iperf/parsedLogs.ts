// One parse per document version, shared by annotations, hover and CodeLens (so a keystroke costs one parse).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IperfLog, IperfParseError, IperfStream, IperfTest, parseIperfLog } from '../../core/iperf';
import { log } from '../log';
import { errorMessage, untrustedText } from '../../core/text';

interface StreamAt {
  test: IperfTest;
  testIndex: number;
  stream: IperfStream;
}

export type ParsedLog =
  | { ok: true; log: IperfLog; /** connect line (0-based) → its stream */ byLine: Map<number, StreamAt> }
  | { ok: false; error: string; /** 1-based, when the parser named one */ line?: number };

const cache = new WeakMap<vscode.TextDocument, { version: number; parsed: ParsedLog }>();

/** Control characters and over-long text from a file, made safe for a log line. */
export function safeText(s: string, max = 200): string {
  const flat = untrustedText(s);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function parseText(text: string, fileName: string): ParsedLog {
  try {
    const parsed = parseIperfLog(text, fileName);
    const byLine = new Map<number, StreamAt>();
    parsed.tests.forEach((test, testIndex) => {
      for (const stream of test.streams) {
        if (stream.connectLine !== undefined && !byLine.has(stream.connectLine)) byLine.set(stream.connectLine, { test, testIndex, stream });
      }
    });
    return { ok: true, log: parsed, byLine };
  } catch (e) {
    if (e instanceof IperfParseError) return { ok: false, error: e.reason, line: e.line };
    return { ok: false, error: errorMessage(e) };
  }
}

/** The parsed log of a document at its current version; never throws (a failure is logged once per version). */
export function parsedLog(doc: vscode.TextDocument): ParsedLog {
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.parsed;
  const name = path.basename(doc.uri.path);
  const parsed = parseText(doc.getText(), name);
  if (!parsed.ok) log.warn(`iperf: ${safeText(name)}${parsed.line ? `:${parsed.line}` : ''}: ${safeText(parsed.error)} (no queue annotations)`);
  cache.set(doc, { version: doc.version, parsed });
  return parsed;
}
