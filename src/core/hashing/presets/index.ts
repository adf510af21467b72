// Named presets: which hash a guest/kernel/driver computes and how it turns that into a queue. Each family is one
// object in its own file (family.ts says its shape); to add a preset, add its file and list it here.
import { parseFlow, FlowTuple } from '../flow';
import type { CompiledPreset, HashInput, PresetFamily, PresetInfo, PresetOptions } from './family';
import { PRESET_NAME_LIST, PresetName } from './names';
import { linuxNetfront } from './linuxNetfront';
import { linux316Netfront } from './linux316Netfront';
import { linuxTx } from './linuxTx';
import { windowsPv81 } from './windowsPv81';
import { windowsPv82Rss } from './windowsPv82Rss';
import { nicRssToeplitz } from './nicRssToeplitz';
import { awsEnaFixedKey } from './awsEnaFixedKey';
import { awsEna } from './awsEna';
import { linuxXpsPinned } from './linuxXpsPinned';
import { custom } from './custom';

export type { CompiledPreset, HashInput, PresetFamily, PresetInfo, PresetOptions } from './family';
export { isPresetName, PRESET_NAME_LIST } from './names';
export type { PresetName } from './names';

/** The families, in PRESET_NAME_LIST's order. */
export const PRESET_FAMILIES: readonly PresetFamily[] = Object.freeze([
  linuxNetfront, linux316Netfront, linuxTx, windowsPv81, windowsPv82Rss, nicRssToeplitz, awsEnaFixedKey, awsEna, linuxXpsPinned, custom,
]);

export const PRESETS: readonly PresetInfo[] = Object.freeze(PRESET_FAMILIES.map((f) => f.info));

export const PRESET_NAMES: readonly PresetName[] = PRESETS.map((p) => p.name);
if (PRESET_NAMES.join() !== PRESET_NAME_LIST.join()) throw new Error('PRESETS and PRESET_NAME_LIST disagree');

function familyOf(name: string): PresetFamily {
  const f = PRESET_FAMILIES.find((x) => x.info.name === name);
  if (!f) throw new RangeError(`unknown preset '${name}' (known: ${PRESET_NAMES.join(', ')})`);
  return f;
}

export function presetInfo(name: PresetName): PresetInfo {
  return familyOf(name).info;
}

/** Bind a preset to n queues and options. Throws on an unknown preset or inconsistent options. */
export function compilePreset(name: PresetName, n: number, opts: PresetOptions = {}): CompiledPreset {
  const family = familyOf(name);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of queues must be a positive integer, not ${n}`);
  return { info: family.info, n, ...family.compile(n, opts) };
}

/** What moves a flow between queues under the preset for one protocol (see HashInput). */
export function hashInput(name: PresetName, proto: 'tcp' | 'udp', opts: PresetOptions = {}): HashInput {
  return familyOf(name).hashInput(proto, opts);
}

/** The hash and queue of a flow for n queues; undefined for a model preset without a seed. */
export function queueOf(preset: PresetName, flow: FlowTuple, n: number, opts?: PresetOptions): { hash: number; queue: number } | undefined {
  const c = compilePreset(preset, n, opts);
  return c.flowQueue ? c.flowQueue(parseFlow(flow)) : undefined;
}

/** The probability of each queue for one flow under the preset with n queues. */
export function queueWeights(preset: PresetName, n: number, opts?: PresetOptions): number[] {
  return compilePreset(preset, n, opts).weights;
}
