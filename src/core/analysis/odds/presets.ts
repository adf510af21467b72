import { isPresetName, PRESET_NAMES, PresetName, PresetOptions, queueWeights } from '../../hashing';
import { blipProbability, BlipResult } from './blip';
import { FlowsSpec } from './flowSpace';
import { ThroughputModel } from './throughput';
import { uniformWeights } from './weights';

/** "uniform" is the plain balls-into-bins model; every other name is a hashing preset. */
export const UNIFORM = 'uniform';

/** A weights model: a hashing preset, or the plain balls-into-bins model. */
export type WeightsPreset = PresetName | typeof UNIFORM;

/** The check at a boundary (a CLI flag, a setting, a message): a preset name or 'uniform', else undefined. */
export function weightsPresetOf(name: string): WeightsPreset | undefined {
  return name === UNIFORM || isPresetName(name) ? name : undefined;
}

/**
 * Queue weights per n for a preset: the probability of each queue for one flow whose tuple
 * (or random hash) is unknown — ≈ uniform for the random-hash models, the table fill for
 * Toeplitz/mapping presets, 256-bucket % n for the Windows 8.1 hash.
 */
export function presetWeights(preset: WeightsPreset | undefined, opts?: PresetOptions): (n: number) => number[] {
  if (preset === undefined || preset === UNIFORM) return uniformWeights;
  if (!isPresetName(preset)) throw new RangeError(`unknown preset '${preset}' (known: ${[UNIFORM, ...PRESET_NAMES].join(', ')})`);
  return (n) => queueWeights(preset, n, opts);
}

/** The blip probability at each n in [from, to] (from ≥ 2) under a preset. */
export function blipByPreset(preset: WeightsPreset | undefined, model: ThroughputModel, flows: FlowsSpec, from: number, to: number, opts?: PresetOptions): BlipResult[] {
  const w = presetWeights(preset, opts);
  const out: BlipResult[] = [];
  for (let n = Math.max(2, from); n <= to; n++) out.push(blipProbability(model, flows, n, w));
  return out;
}
