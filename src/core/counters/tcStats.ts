// Shared by the `tc -s qdisc show` and `tc -s class show` readers: blocks, handles and the Sent line.
import { eachLine } from './lines';
import { counterValue } from './model';

/** One qdisc or class and the counters printed under it. */
export interface TcBlock {
  kind: string;
  /** The object's own handle ("1:" for a qdisc, "1:3" for a class). */
  handle: string;
  /** `parent X:Y` (undefined for root). */
  parent?: string;
  root: boolean;
  dev?: string;
  /** 1-based line of the header. */
  line: number;
  bytes?: number;
  packets?: number;
}

const HEADER = /^(qdisc|class)\s+(\S+)\s+([0-9a-f]*:[0-9a-f]*)\s*(.*)$/i;

/** Splits tc -s output into blocks of `what` ('qdisc' or 'class'); other lines are counted. */
export function tcBlocks(text: string, what: 'qdisc' | 'class', file: string): { blocks: TcBlock[]; otherHeaders: number } {
  const blocks: TcBlock[] = [];
  let cur: TcBlock | undefined;
  let otherHeaders = 0;
  for (const { text: l, line } of eachLine(text)) {
    const h = HEADER.exec(l);
    if (h) {
      if (h[1] !== what) { otherHeaders++; cur = undefined; continue; }
      const rest = h[4];
      const dev = /(?:^|\s)dev\s+(\S+)/.exec(rest)?.[1];
      const parent = /(?:^|\s)parent\s+([0-9a-f]*:[0-9a-f]*)/i.exec(rest)?.[1];
      cur = { kind: h[2], handle: h[3].toLowerCase(), parent: parent?.toLowerCase(), root: /(?:^|\s)root(?:\s|$)/.test(rest), dev, line };
      blocks.push(cur);
      continue;
    }
    const s = /^\s+Sent\s+(\d+)\s+bytes\s+(\d+)\s+pkts?\b/.exec(l);
    if (s && cur && cur.bytes === undefined) { cur.bytes = counterValue(s[1], file, line, 'Sent bytes'); cur.packets = counterValue(s[2], file, line, 'Sent packets'); }
  }
  return { blocks, otherHeaders };
}

/** Major and minor of a tc handle, hex; "" counts as 0 (`parent :1` under the default `mq 0:`). */
export function splitHandle(h: string): { major: number; minor: number } {
  const [a, b] = h.split(':');
  return { major: a ? parseInt(a, 16) : 0, minor: b ? parseInt(b, 16) : 0 };
}

/** The devices named in `dev X` (tc prints them when no device was given). */
export function devicesOf(blocks: readonly TcBlock[]): string[] {
  return [...new Set(blocks.map((b) => b.dev).filter((d): d is string => d !== undefined))];
}
