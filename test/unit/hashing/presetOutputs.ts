// Every preset compiled for n = 1..8 under the option sets the presets take, applied to the published vectors'
// flows (docs/spec/queue-hashing.md §5.4/§5.5, AWS's ENA calculator) with tables, keys and XPS maps from real
// command output (test/fixtures/hashing, test/fixtures/rss-public). test/fixtures/hashing/preset-outputs.json holds
// what the code before issue 21's split into family objects computed for these cases; presetFamilies.test.ts checks
// that the family objects still compute exactly that.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePreset, FlowTuple, hashInput, HashInput, parseFlow, PRESET_NAMES, PresetName, presetOptionsFromText, PresetOptions, SYMMETRIC_RSS_KEY } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';
import { MS_IPV4, MS_IPV6, TOEPLITZ_PORTS, tcp } from './vectors';

const text = (...p: string[]): string => fs.readFileSync(path.join(fixturesDir, ...p), 'utf8');

/** Flows: the Microsoft suite (TCP and UDP), its IPv6 flows, §5.5's port run and the ENA calculator's flows. */
export function vectorFlows(): FlowTuple[] {
  const flows: FlowTuple[] = [];
  for (const [src, sp, dst, dp] of MS_IPV4) flows.push(tcp(src, sp, dst, dp), tcp(src, sp, dst, dp, 'udp'));
  for (const [src, sp, dst, dp] of MS_IPV6) flows.push(tcp(src, sp, dst, dp));
  for (const [sport] of TOEPLITZ_PORTS) flows.push(tcp('10.0.0.1', sport, '10.0.0.2', 5001));
  const seen = new Set<string>();
  for (const m of text('rss-public', 'ena-toeplitz-calc-outputs.txt').matchAll(/^\$ toeplitz_calc\.py -t (\S+) -T (\d+) -r (\S+) -R (\d+)/gm)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    flows.push(tcp(m[1], Number(m[2]), m[3], Number(m[4])));
  }
  return flows;
}

/** The option sets each preset is compiled with, named for the report. */
export function optionSets(preset: PresetName): Array<[string, PresetOptions]> {
  const ixgbe = presetOptionsFromText({ tableText: text('hashing', 'ethtool-x-ixgbe-8rings.txt') }).opts;
  const i40e = presetOptionsFromText({ tableText: text('hashing', 'ethtool-x-i40e-weighted-symxor.txt') }).opts;
  const mapping = presetOptionsFromText({ tableText: text('hashing', 'mapping-16.txt') }).opts;
  const udp2 = presetOptionsFromText({ rxFlowHashText: text('rss-public', 'ethtool-n-udp4-2tuple.txt') }).opts;
  const xps = presetOptionsFromText({ xpsText: text('rss-public', 'xps-veth-4q.txt') }).opts;
  const enaKey = /-k (\S+)/.exec(text('rss-public', 'ena-toeplitz-calc-outputs.txt'))![1];
  const ena = presetOptionsFromText({ key: enaKey }).opts;
  const seed128 = 0x0f0e0d0c0b0a09080706050403020100n;
  switch (preset) {
    case 'linux-netfront':
    case 'linux-tx':
      return [['default', {}], ['seed', { seed: seed128 }]];
    case 'linux-3.16-netfront':
      return [['default', {}], ['seed', { seed: 0x12345678 }]];
    case 'windows-pv-8.1':
      return [['default', {}]];
    case 'windows-pv-8.2-rss':
      return [['default', {}], ['mapping-16', mapping], ['fields 2', { fields: 2 }], ['symmetric key', { key: SYMMETRIC_RSS_KEY }]];
    case 'nic-rss-toeplitz':
      return [['default', {}], ['ixgbe', ixgbe], ['i40e sym-xor', i40e], ['udp 2-tuple', udp2], ['fields 2', { fields: 2 }], ['mapping-16', mapping]];
    case 'aws-ena-fixed-key':
      return [['default', {}], ['mapping-16', mapping]];
    case 'aws-ena':
      return [['no key', {}], ...(['linux', 'windows', 'dpdk', 'freebsd', 'linux-pre-2.6'] as const).map((d): [string, PresetOptions] => [`key ${d}`, { ...ena, enaDriver: d }])];
    case 'linux-xps-pinned':
      return [['default', {}], ['cpu 1', { cpu: 1 }], ['veth xps cpu 0', { ...xps, cpu: 0 }], ['veth xps cpu 1', { ...xps, cpu: 1 }], ['veth xps cpu 5', { ...xps, cpu: 5 }]];
    case 'custom':
      return [['no key', {}], ['symmetric key', { key: SYMMETRIC_RSS_KEY }], ['key, 96 entries', { key: SYMMETRIC_RSS_KEY, table: Array.from({ length: 96 }, (_, i) => i % 3) }], ['i40e', i40e]];
    default:
      throw new RangeError(`no option sets for ${preset}`);
  }
}

export type FlowOutput = [number, number] | string;
export type AtN =
  | { n: number; error: string }
  | { n: number; deterministic: boolean; exact: boolean; weights: number[]; flows?: FlowOutput[] };

const message = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** What compilePreset gives for one preset and option set at n = 1..8 over the flows. */
export function outputsOf(preset: PresetName, opts: PresetOptions, flows: readonly FlowTuple[]): AtN[] {
  const out: AtN[] = [];
  for (let n = 1; n <= 8; n++) {
    let c;
    try { c = compilePreset(preset, n, opts); } catch (e) { out.push({ n, error: message(e) }); continue; }
    const at: AtN = { n, deterministic: c.deterministic, exact: c.exact, weights: c.weights };
    const fq = c.flowQueue;
    if (fq) {
      at.flows = flows.map((f): FlowOutput => {
        try { const r = fq(parseFlow(f)); return [r.hash, r.queue]; } catch (e) { return message(e); }
      });
    }
    out.push(at);
  }
  return out;
}

/** One preset and option set: what it hashes per protocol (the planner's view) and its outputs per n. */
export interface PresetCase { hashInput: { tcp: HashInput; udp: HashInput }; byN: AtN[] }

/** Every preset × option set: the object preset-outputs.json holds. */
export function allOutputs(): Record<string, Record<string, PresetCase>> {
  const flows = vectorFlows();
  const out: Record<string, Record<string, PresetCase>> = {};
  for (const preset of PRESET_NAMES) {
    out[preset] = {};
    for (const [name, opts] of optionSets(preset)) {
      out[preset][name] = { hashInput: { tcp: hashInput(preset, 'tcp', opts), udp: hashInput(preset, 'udp', opts) }, byN: outputsOf(preset, opts, flows) };
    }
  }
  return out;
}
