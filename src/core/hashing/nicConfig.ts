// Readers for what real NICs report about their hashing: `ethtool -n DEV rx-flow-hash FLOW`
// (which fields feed the hash, per RSS context) and Windows `Get-NetAdapterRss`.
import { HashFields } from './toeplitz';

type FlowType = 'tcp4' | 'udp4' | 'tcp6' | 'udp6' | 'sctp4' | 'sctp6' | 'ah4' | 'esp4' | 'ip4' | 'ip6';

export interface RxFlowHash {
  flowType: FlowType;
  /** RSS context (from "For RSS context N:"); absent = the default context 0. */
  context?: number;
  /** The field lines as printed ("IP SA", "L4 bytes 0 & 1 [TCP/UDP src port]", …); empty for "None". */
  fields: string[];
  /** 4 = addresses and ports, 2 = addresses only, 0 = "None" (no hash), undefined = another set (not modelled). */
  hashFields?: HashFields | 0;
  line: number;
}

const FLOW_TITLES: Record<string, FlowType> = {
  'TCP over IPV4': 'tcp4', 'UDP over IPV4': 'udp4', 'TCP over IPV6': 'tcp6', 'UDP over IPV6': 'udp6',
  'SCTP over IPV4': 'sctp4', 'SCTP over IPV6': 'sctp6', 'AH over IPV4': 'ah4', 'ESP over IPV4': 'esp4',
  'IPV4': 'ip4', 'IPV6': 'ip6',
};
const FIELD_LINES = new Set(['L2DA', 'VLAN tag', 'L3 proto', 'IP SA', 'IP DA', 'L4 bytes 0 & 1 [TCP/UDP src port]', 'L4 bytes 2 & 3 [TCP/UDP dst port]']);

function classify(fields: readonly string[]): HashFields | 0 | undefined {
  const s = new Set(fields);
  if (s.size === 0) return 0;
  const addrs = s.has('IP SA') && s.has('IP DA');
  const ports = s.has('L4 bytes 0 & 1 [TCP/UDP src port]') && s.has('L4 bytes 2 & 3 [TCP/UDP dst port]');
  if (addrs && ports && s.size === 4) return 4;
  if (addrs && s.size === 2) return 2;
  return undefined;
}

/**
 * One or more `ethtool -n|-u DEV rx-flow-hash FLOW [context N]` outputs. Shell prompts and command
 * echoes are skipped; any other line not understood is returned in `skipped` with its line number.
 */
export function parseRxFlowHash(text: string): { entries: RxFlowHash[]; skipped: Array<{ line: number; text: string }> } {
  const entries: RxFlowHash[] = [];
  const skipped: Array<{ line: number; text: string }> = [];
  let context: number | undefined;
  let cur: RxFlowHash | undefined;
  const close = (): void => {
    if (cur) { cur.hashFields = classify(cur.fields); entries.push(cur); cur = undefined; }
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') { close(); context = undefined; return; }
    if (/^(\S*[$#]\s|\$\s?|#\s?)/.test(line) && /ethtool/.test(line)) { close(); context = undefined; return; }
    const ctx = /^For RSS context (\d+):$/.exec(line);
    if (ctx) { close(); context = Number(ctx[1]); return; }
    const head = /^(.+?) flows use these fields for computing Hash flow key:$/.exec(line);
    if (head) {
      close();
      const flowType = FLOW_TITLES[head[1]];
      if (!flowType) { skipped.push({ line: i + 1, text: line }); return; }
      cur = { flowType, fields: [], line: i + 1 };
      if (context !== undefined) cur.context = context;
      return;
    }
    if (cur && line === 'None') { close(); return; }
    if (cur && FIELD_LINES.has(line)) { cur.fields.push(line); return; }
    skipped.push({ line: i + 1, text: line });
  });
  close();
  return { entries, skipped };
}

/** What `Get-NetAdapterRss` prints for one adapter. CPUs are "group:number". */
export interface NetAdapterRss {
  name?: string;
  enabled?: boolean;
  receiveQueues?: number;
  profile?: string;
  baseProcessor?: { group: number; number: number };
  maxProcessor?: { group: number; number: number };
  maxProcessors?: number;
  /** RssProcessorArray: the CPUs RSS may use. */
  processors: Array<{ group: number; number: number; numaDistance: number }>;
  /** IndirectionTable: hash bucket → CPU. */
  table: Array<{ group: number; number: number }>;
  skipped: Array<{ line: number; text: string }>;
}

/** The first adapter in `Get-NetAdapterRss` output (Format-List style, as PowerShell prints it). */
export function parseGetNetAdapterRss(text: string): NetAdapterRss {
  const out: NetAdapterRss = { processors: [], table: [], skipped: [] };
  let section: 'none' | 'processors' | 'table' | 'description' = 'none';
  const cpu = (g: string, n: string) => ({ group: Number(g), number: Number(n) });
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || /^PS .*>/.test(line)) return;
    const kv = /^([A-Za-z]+)(?::\s*\[[^\]]*\])?\s*:\s*(.*)$/.exec(line);
    if (kv && !/^\d/.test(line)) {
      const [, key, value] = kv;
      section = 'none';
      switch (key) {
        case 'Name': if (out.name === undefined) out.name = value; else section = 'none'; return;
        case 'InterfaceDescription': section = 'description'; return;
        case 'Enabled': out.enabled = /^true$/i.test(value); return;
        case 'NumberOfReceiveQueues': out.receiveQueues = Number(value); return;
        case 'Profile': out.profile = value; return;
        case 'BaseProcessor': { const m = /^(\d+)\s*:\s*(\d+)$/.exec(value); if (m) out.baseProcessor = cpu(m[1], m[2]); return; }
        case 'MaxProcessor': { const m = /^(\d+)\s*:\s*(\d+)$/.exec(value); if (m) out.maxProcessor = cpu(m[1], m[2]); return; }
        case 'MaxProcessors': out.maxProcessors = Number(value); return;
        case 'RssProcessorArray': section = 'processors'; return;
        case 'IndirectionTable': section = 'table'; return;
        default: out.skipped.push({ line: i + 1, text: line }); return;
      }
    }
    if (section === 'processors') {
      const all = [...line.matchAll(/(\d+)\s*:\s*(\d+)\s*\/\s*(\d+)/g)];
      if (all.length) { for (const m of all) out.processors.push({ ...cpu(m[1], m[2]), numaDistance: Number(m[3]) }); return; }
    }
    if (section === 'table') {
      const all = [...line.matchAll(/(\d+)\s*:\s*(\d+)/g)];
      if (all.length) { for (const m of all) out.table.push(cpu(m[1], m[2])); return; }
    }
    if (section === 'description') return; // the description wrapped onto this line
    out.skipped.push({ line: i + 1, text: line });
  });
  if (out.table.length === 0) throw new SyntaxError('Get-NetAdapterRss: no IndirectionTable entries found');
  return out;
}

/**
 * The indirection table as queue numbers: Windows' table holds CPUs, and each distinct CPU is one
 * receive queue's processor. Queue i = the i-th distinct CPU in (group, number) order.
 */
export function netAdapterRssQueues(rss: NetAdapterRss): { table: number[]; cpus: Array<{ group: number; number: number }> } {
  const key = (c: { group: number; number: number }) => c.group * 65536 + c.number;
  const cpus = [...new Map(rss.table.map((c) => [key(c), c])).values()].sort((a, b) => key(a) - key(b));
  const index = new Map(cpus.map((c, i) => [key(c), i]));
  return { table: rss.table.map((c) => index.get(key(c)) as number), cpus };
}
