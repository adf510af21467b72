// Text → option parsing shared by the `hash` and `plan` commands (pure: no file or process access).
import { parseTableText } from './indirection';
import { PresetOptions } from './presets';
import { parseHexKey } from './toeplitz';

/** A seed in decimal or 0x-hex, up to 128 bits. */
export function parseSeed(text: string): bigint {
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
    if (t.hfunc && t.hfunc !== 'toeplitz') notes.push(`warning: the table file says hash function '${t.hfunc}'; only Toeplitz is modelled`);
  }
  if (a.key !== undefined) opts.key = parseHexKey(a.key);
  if (a.seed !== undefined) opts.seed = parseSeed(a.seed);
  if (a.fields !== undefined) {
    if (a.fields !== '2' && a.fields !== '4') throw new RangeError(`--fields must be 2 or 4, not '${a.fields}'`);
    opts.fields = a.fields === '2' ? 2 : 4;
  }
  if (a.symXor) opts.symmetricXor = true;
  return { opts, notes, tableQueues };
}

const TOEPLITZ_PRESETS = new Set(['windows-pv-8.2-rss', 'nic-rss-toeplitz', 'custom']);
const SEEDED_PRESETS = new Set(['linux-netfront', 'linux-3.16-netfront', 'linux-tx']);

/** Refuse options the preset would silently ignore. Returns an error message or undefined. */
export function checkPresetArgs(preset: string, a: PresetArgText): string | undefined {
  const toeplitz = TOEPLITZ_PRESETS.has(preset);
  if (!toeplitz && (a.key !== undefined || a.tableText !== undefined || a.fields !== undefined || a.symXor)) {
    return `--key, --table, --fields and --sym-xor apply to Toeplitz presets (${[...TOEPLITZ_PRESETS].join(', ')}), not '${preset}'`;
  }
  if (a.seed !== undefined && !SEEDED_PRESETS.has(preset)) {
    return `--seed applies to ${[...SEEDED_PRESETS].join(', ')}; '${preset}' has no per-boot seed`;
  }
  return undefined;
}
