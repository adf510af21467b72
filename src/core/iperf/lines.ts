// Splitting a log into numbered lines; a last line without its newline may have been cut mid-write.

export interface SourceLine {
  /** 0-based. */
  line: number;
  text: string;
}

export type LineSource = Iterable<SourceLine>;

/**
 * No iperf line is near this long (the widest, an iperf 2.1 -e UDP server row, is under 300 characters).
 * Longer lines are not tokenised at all, so no pattern ever runs over a megabyte of one line.
 */
export const MAX_LINE_LENGTH = 4096;

export interface SplitText {
  lines: SourceLine[];
  /** The text does not end with a newline, so its last line may be incomplete. */
  partialLast: boolean;
  /** Lines longer than MAX_LINE_LENGTH: left out of `lines`, counted here (0-based line of the first one). */
  longLines: number;
  firstLongLine?: number;
}

/** Split on \n, \r\n or \r in one pass; trailing white space is dropped with trimEnd (linear, unlike /\s+$/). */
export function splitLines(text: string): SplitText {
  const lines: SourceLine[] = [];
  let longLines = 0;
  let firstLongLine: number | undefined;
  let start = 0;
  let n = 0;
  const push = (end: number): void => {
    if (end - start > MAX_LINE_LENGTH) {
      longLines++;
      firstLongLine ??= n;
    } else {
      lines.push({ line: n, text: text.slice(start, end).trimEnd() });
    }
    n++;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  const partialLast = start < text.length;
  if (partialLast) push(text.length);
  const out: SplitText = { lines, partialLast, longLines };
  if (firstLongLine !== undefined) out.firstLongLine = firstLongLine;
  return out;
}

