// Text → option parsing shared by the `hash` and `plan` commands (pure: no file or process access).
import { ENA_DRIVERS, EnaDriver } from './ena';
import { parseTableText } from './indirection';
import { parseRxFlowHash } from './nicConfig';
import { PresetName, PresetOptions, PRESETS } from './presets';
import { parseHexKey } from './toeplitz';
import { parseXpsCpus } from './xps';

/** A seed in decimal or 0x-hex, up to 128 bits. */
function parseSeed(text: string): bigint {
  const t = text.trim();
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) throw new SyntaxError(`seed must be a decimal or 0x-hex integer, not '${text}'`);
  const v = BigInt(t);
  if (v >= 1n << 128n) throw new RangeError('seed is wider than 128 bits');
  return v;
}

/** "A-B" (inclusive) or a single port. */
export function parsePortRange(text: string): [number, number] {
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$/.exec(text);
  if (!m) throw new SyntaxError(`port range must be A-B, not '${text}'`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b > 65535 || a > b) throw new RangeError(`bad port range ${a}-${b}`);
  return [a, b];
}

export interface PresetArgText {
  key?: string;
  /** Contents of the --table file. */
  tableText?: string;
  seed?: string;
  fields?: string;
  symXor?: boolean;
  /** aws-ena: which driver programmed the key. */
  enaDriver?: string;
  /** Contents of an --xps file (`grep . /sys/class/net/DEV/queues/tx-*\/xps_cpus`). */
  xpsText?: string;
  /** --cpu: the CPU the sender is pinned to. */
  cpu?: string;
  /** Contents of an --rx-flow-hash file (`ethtool -n DEV rx-flow-hash tcp4` and `udp4` output). */
  rxFlowHashText?: string;
}

/** Preset options from command-line text; `notes` collects what was taken from the table file. */
export function presetOptionsFromText(a: PresetArgText): { opts: PresetOptions; notes: string[]; tableQueues?: number } {
  const opts: PresetOptions = {};
  const notes: string[] = [];
  let tableQueues: number | undefined;
  if (a.tableText !== undefined) {
    const t = parseTableText(a.tableText);
    opts.table = t.table;
    tableQueues = t.table.reduce((m, q) => Math.max(m, q + 1), t.rings ?? 0);
    if (t.key && a.key === undefined) { opts.key = t.key; notes.push(`key: ${t.key.length} bytes from the table file`); }
    if (t.symmetricXor) { opts.symmetricXor = true; notes.push('symmetric-xor: on (from the table file)'); }
    if (t.hfunc && t.hfunc !== 'toeplitz') notes.push(`warning: the table file says hash function '${t.hfunc}': not modelled (no published definition); the queues shown are Toeplitz's, not this device's`);
    if (t.source) notes.push(`table: ${t.source}`);
    for (const s of t.skipped ?? []) notes.push(`table file line ${s.line} not understood: ${s.text}`);
    if (t.context !== undefined && t.context !== 0) notes.push(`table of RSS context ${t.context}: it applies only to flows an ntuple rule sends to that context`);
  }
  if (a.key !== undefined) opts.key = parseHexKey(a.key);
  if (a.seed !== undefined) opts.seed = parseSeed(a.seed);
  if (a.fields !== undefined) {
    if (a.fields !== '2' && a.fields !== '4') throw new RangeError(`--fields must be 2 or 4, not '${a.fields}'`);
    opts.fields = a.fields === '2' ? 2 : 4;
  }
  if (a.symXor) opts.symmetricXor = true;
  if (a.enaDriver !== undefined) {
    if (!(ENA_DRIVERS as readonly string[]).includes(a.enaDriver)) throw new RangeError(`--ena-driver must be one of ${ENA_DRIVERS.join(', ')}, not '${a.enaDriver}'`);
    opts.enaDriver = a.enaDriver as EnaDriver;
  }
  if (a.xpsText !== undefined) {
    opts.xps = parseXpsCpus(a.xpsText);
    for (const s of opts.xps.skipped) notes.push(`xps file line ${s.line} not used: ${s.text}`);
    tableQueues ??= opts.xps.masks.length;
  }
  if (a.cpu !== undefined) {
    if (!/^\d+$/.test(a.cpu.trim())) throw new RangeError(`--cpu must be a CPU number, not '${a.cpu}'`);
    opts.cpu = Number(a.cpu);
  }
  if (a.rxFlowHashText !== undefined) applyRxFlowHash(a.rxFlowHashText, opts, notes);
  return { opts, notes, tableQueues };
}

/** `ethtool -n DEV rx-flow-hash tcp4|udp4` output → the hash input per protocol (default context only). */
function applyRxFlowHash(text: string, opts: PresetOptions, notes: string[]): void {
  const { entries, skipped } = parseRxFlowHash(text);
  for (const s of skipped) notes.push(`rx-flow-hash line ${s.line} not understood: ${s.text}`);
  for (const e of entries) {
    const where = `rx-flow-hash ${e.flowType}${e.context !== undefined ? ` (RSS context ${e.context})` : ''}`;
    if (e.context !== undefined && e.context !== 0) { notes.push(`${where}: an RSS context applies only to flows an ntuple rule sends there; not used for the default hash`); continue; }
    if (e.hashFields === 0) { notes.push(`${where}: None — the device does not hash these flows (they all land on one queue)`); continue; }
    if (e.hashFields === undefined) { notes.push(`warning: ${where}: fields ${e.fields.join(', ')} are not modelled (only addresses, or addresses and ports)`); continue; }
    if (e.flowType === 'tcp4' || e.flowType === 'tcp6') opts.fields = e.hashFields;
    else if (e.flowType === 'udp4' || e.flowType === 'udp6') opts.udpFields = e.hashFields;
    notes.push(`${where}: ${e.hashFields === 2 ? 'addresses only (2-tuple): ports do not change the queue' : 'addresses and ports'}`);
  }
}

// From the registry: which presets take a key/table, and which a seed.
const TOEPLITZ_PRESETS = new Set(PRESETS.filter((p) => p.caps.key !== 'none' || p.caps.table).map((p) => p.name));
const SEEDED_PRESETS = new Set(PRESETS.filter((p) => p.caps.seed).map((p) => p.name));

/** Refuse options the preset would silently ignore. Returns an error message or undefined. */
export function checkPresetArgs(preset: PresetName, a: PresetArgText): string | undefined {
  const toeplitz = TOEPLITZ_PRESETS.has(preset);
  if (!toeplitz && (a.key !== undefined || a.tableText !== undefined || a.fields !== undefined || a.symXor)) {
    return `--key, --table, --fields and --sym-xor apply to Toeplitz presets (${[...TOEPLITZ_PRESETS].join(', ')}), not '${preset}'`;
  }
  if (a.seed !== undefined && !SEEDED_PRESETS.has(preset)) {
    return `--seed applies to ${[...SEEDED_PRESETS].join(', ')}; '${preset}' has no per-boot seed`;
  }
  if (a.enaDriver !== undefined && preset !== 'aws-ena') return `--ena-driver applies to aws-ena, not '${preset}'`;
  if ((a.xpsText !== undefined || a.cpu !== undefined) && preset !== 'linux-xps-pinned') return `--xps and --cpu apply to linux-xps-pinned, not '${preset}'`;
  if (a.rxFlowHashText !== undefined && preset !== 'nic-rss-toeplitz' && preset !== 'custom') return `--rx-flow-hash applies to nic-rss-toeplitz and custom, not '${preset}'`;
  return undefined;
}
