/** Warning messages kept word for word; the rest are only counted (a hostile file can raise millions). */
export const MAX_WARNING_MESSAGES = 100;
/** Distinct kinds counted separately; beyond this, further kinds share one count. */
const MAX_KINDS = 64;
const OTHER_KIND = '(other warnings)';

/** A message's kind: its text with every number (offsets, counts, option codes) written as '#', at most 160 chars. */
function warningKind(message: string): string {
  const k = message.replace(/\d+/g, '#');
  return k.length > 160 ? `${k.slice(0, 159)}…` : k;
}

/**
 * Bounded warnings: the first MAX_WARNING_MESSAGES messages, and a count per kind of those dropped, summarised by
 * toArray() in one closing warning. Memory stays O(1) whatever the number of warnings.
 */
export class WarningLog {
  private readonly kept: string[] = [];
  private readonly dropped = new Map<string, number>();
  /** Every warning raised, kept or not. */
  total = 0;

  constructor(private readonly limit = MAX_WARNING_MESSAGES) {}

  /** Array-compatible: records each message; returns the number raised so far. */
  push(...messages: string[]): number {
    for (const m of messages) this.add(m);
    return this.total;
  }

  add(message: string, times = 1): void {
    this.total += times;
    if (times === 1 && this.kept.length < this.limit) {
      this.kept.push(message);
      return;
    }
    this.count(warningKind(message), times);
  }

  private count(kind: string, times: number): void {
    const k = this.dropped.has(kind) || this.dropped.size < MAX_KINDS ? kind : OTHER_KIND;
    this.dropped.set(k, (this.dropped.get(k) ?? 0) + times);
  }

  /** Adds another log's warnings (its kept messages, then its dropped counts). */
  absorb(other: WarningLog): void {
    for (const m of other.kept) this.add(m);
    for (const [kind, n] of other.dropped) { this.total += n; this.count(kind, n); }
  }

  get length(): number {
    return this.kept.length + (this.dropped.size > 0 ? 1 : 0);
  }

  /** The kept messages, plus one warning that counts the dropped ones by kind (largest first). */
  toArray(): string[] {
    if (this.dropped.size === 0) return this.kept.slice();
    let n = 0;
    for (const c of this.dropped.values()) n += c;
    const kinds = [...this.dropped].sort((a, b) => b[1] - a[1]);
    const shown = kinds.slice(0, 10).map(([k, c]) => `${c} × "${k}"`).join('; ');
    const more = kinds.length > 10 ? `; ${kinds.length - 10} more kinds` : '';
    return [...this.kept, `${n} further warnings not listed (only the first ${this.limit} are kept): ${shown}${more}.`];
  }

  [Symbol.iterator](): Iterator<string> {
    return this.toArray()[Symbol.iterator]();
  }
}
