// Splitting a log into numbered lines; a last line without its newline may have been cut mid-write.

export interface SourceLine {
  /** 0-based. */
  line: number;
  text: string;
}

export type LineSource = Iterable<SourceLine>;

export interface SplitText {
  lines: SourceLine[];
  /** The text does not end with a newline, so its last line may be incomplete. */
  partialLast: boolean;
}

export function splitLines(text: string): SplitText {
  const raw = text.split(/\r?\n|\r/);
  const partialLast = raw.length > 0 && raw[raw.length - 1] !== '';
  if (!partialLast) raw.pop();
  return { lines: raw.map((t, i) => ({ line: i, text: t.replace(/\s+$/, '') })), partialLast };
}
