// The shape every preset family has: what it is (info, capabilities), how it binds to n queues (compile), and
// what of a flow moves it between queues (hashInput). One file per family in this folder; index.ts lists them.
import type { ParsedFlow } from '../flow';
import type { HashFields } from '../toeplitz';
import type { EnaDriver } from '../ena';
import type { XpsMap } from '../xps';
import type { PresetName } from './names';

/** What a preset needs and computes (one place; args checks and docs read it). */
export interface PresetCapabilities {
  /** 'exact': the queue is a fixed function of the tuple given the options; 'model': probabilities. */
  kind: 'exact' | 'model';
  key: 'none' | 'optional' | 'required';
  /** Takes an indirection/mapping table (--table). */
  table: boolean;
  /** Takes a per-boot seed (--seed). */
  seed: boolean;
  /** Hash input fields. */
  input: string;
  /** Transmit or receive side. */
  direction: 'tx' | 'rx' | 'tx and rx';
  /** What takes precedence over this hash on a real system. */
  overriddenBy: string;
}

export interface PresetInfo {
  name: PresetName;
  title: string;
  /** true: the queue of a flow is a fixed function of its tuple (given the key/table). */
  exact: boolean;
  /** The guest, kernel or driver modelled. */
  models: string;
  description: string;
  caps: PresetCapabilities;
}

export interface PresetOptions {
  /** Toeplitz key (Toeplitz presets; default Microsoft's verification key, except `custom`). */
  key?: Uint8Array;
  /** Indirection / mapping table of queue numbers (Toeplitz presets; default 128 entries, i % n). */
  table?: number[];
  /** Per-boot seed: 32-bit hashrnd for linux-3.16-netfront; 128-bit SipHash key for the random-hash models. */
  seed?: bigint | number;
  /** Toeplitz input: 4-tuple (default) or addresses only. */
  fields?: HashFields;
  /** Linux RXH_XFRM_SYM_XOR input transformation (Toeplitz presets). */
  symmetricXor?: boolean;
  /** Input for UDP flows when it differs from TCP's (`ethtool -n DEV rx-flow-hash udp4`: IP SA, IP DA → 2). */
  udpFields?: HashFields;
  /** aws-ena: the driver that programmed the key. */
  enaDriver?: EnaDriver;
  /** linux-xps-pinned: the tx queues' xps_cpus masks (default: queue q ← CPU q mod n). */
  xps?: XpsMap;
  /** linux-xps-pinned: the CPU the sender is pinned to (iperf3 -A CPU). */
  cpu?: number;
}

/** A preset bound to n queues and options: the per-flow function (when determined) and queue weights. */
export interface CompiledPreset {
  info: PresetInfo;
  n: number;
  /** The queue of a flow is determined (exact preset, or model preset with a seed). */
  deterministic: boolean;
  /** Deterministic because the preset is exact (or the seed makes it so), not a random draw. */
  exact: boolean;
  /** Hash and queue of a parsed flow; undefined when not deterministic. */
  flowQueue?: (flow: ParsedFlow) => { hash: number; queue: number };
  /** The probability of each queue for one flow with an unknown tuple. */
  weights: number[];
}

/** What a family's compile gives; compilePreset adds the info and n. */
export type FamilyCompiled = Omit<CompiledPreset, 'info' | 'n'>;

/**
 * What moves a flow between queues under a preset for one protocol: its ports ('ports'), only its
 * addresses ('addresses': a 2-tuple hash, e.g. UDP on `IP SA, IP DA`), the sending CPU ('cpu': XPS),
 * or nothing the user picks ('random').
 */
export type HashInput = 'ports' | 'addresses' | 'cpu' | 'random';

export interface PresetFamily {
  info: PresetInfo;
  capabilities: PresetCapabilities;
  /** Bind to n queues (n already checked to be a positive integer); throws on inconsistent options. */
  compile(n: number, opts: PresetOptions): FamilyCompiled;
  /** What of a flow of this protocol picks its queue under these options. */
  hashInput(proto: 'tcp' | 'udp', opts: PresetOptions): HashInput;
}

/** A family from its description and capabilities: info carries the capabilities as `caps`, `exact` from their kind. */
export function presetFamily(
  about: Omit<PresetInfo, 'caps' | 'exact'>,
  capabilities: PresetCapabilities,
  behaviour: Pick<PresetFamily, 'compile' | 'hashInput'>,
): PresetFamily {
  const info: PresetInfo = { name: about.name, title: about.title, exact: capabilities.kind === 'exact', models: about.models, description: about.description, caps: capabilities };
  return { info, capabilities, compile: behaviour.compile, hashInput: behaviour.hashInput };
}
