// A small JSON reader for iperf3 -J / --json-stream: it reads several top-level values one after another,
// remembers the line each object starts on, and when the text stops mid-value it closes what is open
// (dropping the unfinished member) instead of failing, so a log cut short keeps its complete intervals.
import { IperfParseError } from './errors';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JsonValues {
  values: Json[];
  /** 0-based line on which each object or array starts. */
  lineOf: WeakMap<object, number>;
  /** Objects and arrays the text ended inside of: they lack members. */
  partial: WeakSet<object>;
  truncated: boolean;
}

const INCOMPLETE = Symbol('incomplete');
type Result = Json | typeof INCOMPLETE;

export function parseJsonValues(text: string): JsonValues {
  return new Reader(text).readAll();
}

class Reader {
  private i = 0;
  private line = 0;
  private readonly lineOf = new WeakMap<object, number>();
  private readonly partial = new WeakSet<object>();
  private truncated = false;

  constructor(private readonly s: string) {}

  readAll(): JsonValues {
    const values: Json[] = [];
    for (;;) {
      this.skipSpace();
      if (this.i >= this.s.length) break;
      const v = this.value();
      if (v === INCOMPLETE) break;
      values.push(v);
      if (this.truncated) break;
    }
    return { values, lineOf: this.lineOf, partial: this.partial, truncated: this.truncated };
  }

  private fail(msg: string): never {
    throw new IperfParseError(this.line + 1, msg);
  }

  private skipSpace(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\n') this.line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      this.i++;
    }
  }

  private eof(): typeof INCOMPLETE {
    this.truncated = true;
    return INCOMPLETE;
  }

  private value(): Result {
    this.skipSpace();
    if (this.i >= this.s.length) return this.eof();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    return this.scalar();
  }

  private object(): Result {
    const obj: { [key: string]: Json } = {};
    this.lineOf.set(obj, this.line);
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      this.skipSpace();
      if (this.i >= this.s.length) return this.closeEarly(obj);
      if (this.s[this.i] !== '"') this.fail(`malformed JSON: expected a key, found '${this.s[this.i]}'`);
      const key = this.string();
      this.skipSpace();
      if (this.i >= this.s.length || key === INCOMPLETE) return this.closeEarly(obj);
      if (this.s[this.i] !== ':') this.fail(`malformed JSON: expected ':' after "${key}"`);
      this.i++;
      const v = this.value();
      if (v === INCOMPLETE) return this.closeEarly(obj);
      obj[key as string] = v;
      this.skipSpace();
      if (this.i >= this.s.length) return this.closeEarly(obj);
      const c = this.s[this.i++];
      if (c === '}') return obj;
      if (c !== ',') this.fail(`malformed JSON: expected ',' or '}', found '${c}'`);
    }
  }

  private array(): Result {
    const arr: Json[] = [];
    this.lineOf.set(arr, this.line);
    this.i++;
    this.skipSpace();
    if (this.s[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      const v = this.value();
      if (v === INCOMPLETE) return this.closeEarly(arr);
      arr.push(v);
      this.skipSpace();
      if (this.i >= this.s.length) return this.closeEarly(arr);
      const c = this.s[this.i++];
      if (c === ']') return arr;
      if (c !== ',') this.fail(`malformed JSON: expected ',' or ']', found '${c}'`);
    }
  }

  /** The text ended inside this container: keep it with its complete members. */
  private closeEarly(v: Json[] | { [key: string]: Json }): Json {
    this.truncated = true;
    this.partial.add(v);
    return v;
  }

  private string(): Result {
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) return this.eof();
      const c = this.s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') break;
      else if (c === '\n') this.fail('malformed JSON: line break inside a string');
      else this.i++;
    }
    this.i++;
    try {
      return JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      return this.fail('malformed JSON string');
    }
  }

  private scalar(): Result {
    const m = /^[\w.+-]+/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) this.fail(`malformed JSON: unexpected '${this.s[this.i]}'`);
    const token = m[0];
    this.i += token.length;
    // a token touching the end of the text may be cut (123 of 1234, tr of true)
    if (this.i >= this.s.length) return this.eof();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(token)) return Number(token);
    if (/^-?(?:nan|inf(?:inity)?)$/i.test(token)) return /nan/i.test(token) ? NaN : token.startsWith('-') ? -Infinity : Infinity;
    return this.fail(`malformed number '${token}'`);
  }
}
