// `xenstore-ls` dumps (the tree form, indented one space a level, and the `-f` full-path form): each vif's
// multi-queue keys on the backend (multi-queue-max-queues) and the frontend (multi-queue-num-queues), split event
// channels, per-queue ring refs; and each domain's vCPUs (cpu/N/availability).
import { ConfigFormatError, ConfigPiece, textLines, XenVif } from './model';

/** `name = "value"`, optionally followed by xenstore-ls -p's permissions `  . . . (n0,r1)`. */
const ENTRY = /^(\s*)([^\s=][^=]*?) = "(.*?)"(?:[\s.]*\([^)]*\))?\s*$/;

export function looksLikeXenstore(text: string): boolean {
  return /^\s*[^\s=]+ = ".*"/m.test(text) && /(multi-queue|ring-ref|event-channel|backend-id|frontend-id|feature-)/.test(text);
}

type XenValues = Map<string, { value: string; line: number }>;

export function readXenstore(text: string, file: string): ConfigPiece & { kind: 'xenstore' } {
  const values: XenValues = new Map();
  const stack: Array<{ indent: number; name: string }> = [];
  let unknownLines = 0;
  let entries = 0;
  textLines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    const m = ENTRY.exec(l);
    if (!m) { unknownLines++; return; }
    entries++;
    const name = m[2].trim();
    if (name.startsWith('/')) { values.set(name.replace(/\/+$/, ''), { value: m[3], line: i + 1 }); return; }
    const indent = m[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, name });
    values.set(stack.map((s) => s.name).join('/'), { value: m[3], line: i + 1 });
  });
  if (entries === 0) throw new ConfigFormatError(file, 1, 'no xenstore entries (lines like `name = "value"`)');
  const children = new Map<string, Set<string>>();
  for (const p of values.keys()) {
    const cut = p.lastIndexOf('/');
    if (cut <= 0) continue;
    const parent = p.slice(0, cut);
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)?.add(p.slice(cut + 1));
  }
  const vifs: XenVif[] = [];
  for (const [node, keys] of children) {
    const vif = readVif(values, node, keys);
    if (vif) vifs.push(vif);
  }
  vifs.sort((a, b) => a.line - b.line);
  // a domain's vCPUs: DOMAIN/cpu/N/availability
  const perDomain = new Map<string, number>();
  for (const [p, v] of values) {
    const m = /^(.*)\/cpu\/\d+\/availability$/.exec(p);
    if (m && v.value === 'online') perDomain.set(m[1], (perDomain.get(m[1]) ?? 0) + 1);
  }
  const domainVcpus = [...perDomain].map(([d, n]) => ({ domain: values.get(`${d}/name`)?.value ?? d, vcpus: n }));
  return { kind: 'xenstore', file, unknownLines, vifs, domainVcpus };
}

/** A vif node's side, queue counts, event channels and per-queue rings; undefined for a node that is not a vif. */
function readVif(values: XenValues, node: string, keys: ReadonlySet<string>): XenVif | undefined {
  if (!/(^|\/)vif(\/|$)/.test(node)) return undefined;
  const side = keys.has('frontend') || keys.has('multi-queue-max-queues') ? 'backend' : keys.has('backend') ? 'frontend' : undefined;
  if (!side) return undefined;
  const num = (p: string): number | null => {
    const v = values.get(p)?.value;
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const queues: XenVif['queues'] = [];
  const queueOf = (p: string, queue: number): void => {
    const ev = ['event-channel', 'event-channel-tx', 'event-channel-rx'].map((k) => num(`${p}/${k}`)).filter((x): x is number => x !== null);
    const tx = num(`${p}/tx-ring-ref`);
    const rx = num(`${p}/rx-ring-ref`);
    if (tx !== null || rx !== null || ev.length) queues.push({ queue, txRingRef: tx, rxRingRef: rx, eventChannels: ev });
  };
  queueOf(node, 0);
  for (const k of keys) {
    const q = /^queue-(\d+)$/.exec(k);
    if (q) queueOf(`${node}/${k}`, +q[1]);
  }
  queues.sort((a, b) => a.queue - b.queue);
  const split = side === 'backend'
    ? (num(`${node}/feature-split-event-channels`) === null ? null : num(`${node}/feature-split-event-channels`) === 1)
    : [...values.keys()].some((p) => p.startsWith(`${node}/`) && /\/event-channel-(tx|rx)$/.test(p)) ? true
      : [...values.keys()].some((p) => p.startsWith(`${node}/`) && /\/event-channel$/.test(p)) ? false : null;
  return {
    side, path: node, maxQueues: num(`${node}/multi-queue-max-queues`), numQueues: num(`${node}/multi-queue-num-queues`),
    splitEventChannels: split, queues, line: values.get(`${node}/${[...keys][0]}`)?.line ?? 0,
  };
}
