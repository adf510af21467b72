// What every parser reports besides tests: iperf's own warnings/errors, and lines nobody understood.
import { IperfMessage, IperfUnknownLine } from './model';

export class LogCollector {
  readonly messages: IperfMessage[] = [];
  readonly unknown: IperfUnknownLine[] = [];
  version?: string;
  truncated = false;

  message(level: 'warning' | 'error', line: number, text: string): void {
    this.messages.push({ level, line, text: text.trim() });
  }

  /** Queue Lens's own warning about how it read the log (what it skipped, guessed or recomputed). */
  readerWarning(line: number, text: string): void {
    this.messages.push({ level: 'warning', line, text, source: 'reader' });
  }

  unknownLine(line: number, text: string): void {
    this.unknown.push({ line, text });
  }
}

/** iperf's warning and error lines, common to both tools. */
export function classifyMessage(text: string): 'warning' | 'error' | undefined {
  if (/^(?:\[\s*\S+\]\s*)?(?:WARNING|warning)\b/.test(text)) return 'warning';
  if (/^(?:iperf3?: )?(?:error|ERROR)\b/.test(text)) return 'error';
  if (/^(?:iperf3?: )?(?:interrupt|exiting)/.test(text)) return 'error';
  if (/^(?:\[\s*\S+\]\s*)?(?:connect|write|read|recv|send|bind|listen|accept)\S* failed\b/i.test(text)) return 'error';
  if (/^(?:\[\s*\S+\]\s*)?(?:Connection refused|No route to host|Connection reset)/.test(text)) return 'error';
  return undefined;
}
