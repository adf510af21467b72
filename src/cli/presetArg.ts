// --preset checked once where the CLI reads it: past this point a preset is a PresetName (or 'uniform'), not text.
import { UNIFORM, WeightsPreset, weightsPresetOf } from '../core/analysis/odds/presets';
import { isPresetName, PRESET_NAMES, PresetName } from '../core/hashing';
import { UsageError } from './io';

/** A hashing preset or 'uniform' (the default); a usage error names the known ones. */
export function weightsPresetArg(value: string | undefined): WeightsPreset {
  const preset = weightsPresetOf(value ?? UNIFORM);
  if (preset === undefined) throw new UsageError(`unknown preset '${value}' (known: ${[UNIFORM, ...PRESET_NAMES].join(', ')})`);
  return preset;
}

/** A hashing preset, or undefined when none is given; a usage error names the known ones. */
export function presetNameArg(value: string | undefined): PresetName | undefined {
  if (value === undefined || isPresetName(value)) return value;
  throw new UsageError(`unknown preset '${value}' (known: ${PRESET_NAMES.join(', ')})`);
}
