// The preset names: the one list the CLI, settings (package.json enum) and views use, and its type.

/** Every preset name: the one list the CLI, settings (package.json enum) and views use. */
export const PRESET_NAME_LIST = [
  'linux-netfront', 'linux-3.16-netfront', 'linux-tx', 'windows-pv-8.1', 'windows-pv-8.2-rss', 'nic-rss-toeplitz',
  'aws-ena-fixed-key', 'aws-ena', 'linux-xps-pinned', 'custom',
] as const;
export type PresetName = (typeof PRESET_NAME_LIST)[number];

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAME_LIST as readonly string[]).includes(name);
}
