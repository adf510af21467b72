// `queue-lens hash`: the hash and queue of one flow under a preset.
import { readInputText } from '../core/runs/inputFiles';
import {
  checkPresetArgs, compilePreset, isPresetName, parseEndpoint, parseFlow, PRESET_NAMES, PresetArgText, presetInfo, PresetName,
  presetOptionsFromText,
} from '../core/hashing';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { errorMessage } from '../core/text';

export const HASH_USAGE = `usage: queue-lens hash --preset P --src IP:PORT --dst IP:PORT [--proto tcp|udp] [--queues N]
                       [--key HEX] [--table FILE] [--fields 2|4] [--sym-xor] [--seed S]
                       [--rx-flow-hash FILE] [--ena-driver D] [--xps FILE] [--cpu N]
  Prints hash=0x%08x queue=Q, or for a model preset without --seed the queue distribution.
  presets: ${PRESET_NAMES.join(', ')}
  --queues defaults to the table's queue count, else 8. --table takes \`ethtool -x\` output (its key
  and symmetric-xor setting are used unless overridden), \`Get-NetAdapterRss\` output, or a list of queue numbers.
  --rx-flow-hash takes \`ethtool -n DEV rx-flow-hash tcp4\` / \`udp4\` output (e.g. UDP on IP SA, IP DA: 2-tuple).
  --ena-driver (aws-ena): linux (default), windows, dpdk, freebsd, linux-pre-2.6.
  --xps (linux-xps-pinned): \`grep . /sys/class/net/DEV/queues/tx-*/xps_cpus\`; --cpu: the iperf3 -A CPU.
`;

function opt(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function readOpt(file: string | undefined): string | undefined {
  return file === undefined ? undefined : readInputText(file, 'config', { allowFifo: true });
}

/** Shared by hash and plan: the preset, its options and the queue count. */
export function readPresetArgs(values: Record<string, string | boolean | undefined>, io: CliIo): {
  preset: PresetName; text: PresetArgText; n?: number; notes: string[]; opts: ReturnType<typeof presetOptionsFromText>['opts'];
} {
  const preset = opt(values.preset);
  if (!preset) throw new UsageError('--preset is required');
  if (!isPresetName(preset)) throw new UsageError(`unknown preset '${preset}' (known: ${PRESET_NAMES.join(', ')})`);
  const tableFile = opt(values.table);
  const text: PresetArgText = {
    key: opt(values.key),
    tableText: tableFile === undefined ? undefined : readInputText(tableFile, 'table', { allowFifo: true }),
    seed: opt(values.seed),
    fields: opt(values.fields),
    symXor: values['sym-xor'] === true,
    enaDriver: opt(values['ena-driver']),
    xpsText: readOpt(opt(values.xps)),
    cpu: opt(values.cpu),
    rxFlowHashText: readOpt(opt(values['rx-flow-hash'])),
  };
  const bad = checkPresetArgs(preset, text);
  if (bad) throw new UsageError(bad);
  let parsed;
  try {
    parsed = presetOptionsFromText(text);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  for (const note of parsed.notes) io.err(`${note}\n`);
  let n = parsed.tableQueues;
  const q = opt(values.queues);
  if (q !== undefined) {
    if (!/^\d+$/.test(q) || Number(q) < 1) throw new UsageError(`--queues must be a positive integer, not '${q}'`);
    n = Number(q);
  }
  return { preset, text, n, notes: parsed.notes, opts: parsed.opts };
}

export const PRESET_ARG_OPTIONS = {
  preset: { type: 'string' },
  key: { type: 'string' },
  table: { type: 'string' },
  seed: { type: 'string' },
  fields: { type: 'string' },
  'sym-xor': { type: 'boolean' },
  'rx-flow-hash': { type: 'string' },
  'ena-driver': { type: 'string' },
  xps: { type: 'string' },
  cpu: { type: 'string' },
  proto: { type: 'string' },
  queues: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseProto(v: string | undefined): 'tcp' | 'udp' {
  if (v === undefined || v === 'tcp' || v === 'udp') return v ?? 'tcp';
  throw new UsageError(`--proto must be tcp or udp, not '${v}'`);
}

export function endpoint(name: string, v: string | undefined): { ip: string; port: number } {
  if (v === undefined) throw new UsageError(`--${name} IP:PORT is required`);
  try {
    return parseEndpoint(v);
  } catch (e) {
    throw new UsageError(`--${name}: ${errorMessage(e)}`);
  }
}

export const runHash: Subcommand = async (argv, io) => {
  const { values } = parseCliArgs({ args: argv, options: { ...PRESET_ARG_OPTIONS, src: { type: 'string' }, dst: { type: 'string' } }, strict: true, allowPositionals: false }, HASH_USAGE);
  if (values.help) { io.out(HASH_USAGE); return 0; }
  const a = readPresetArgs(values, io);
  const n = a.n ?? 8;
  const flow = parseFlow({ proto: parseProto(values.proto), src: endpoint('src', values.src), dst: endpoint('dst', values.dst) });
  if (flow.v6 !== (flow.dst.length === 16)) throw new UsageError('--src and --dst must be the same address family');
  if (a.preset === 'aws-ena' && !a.opts.key) throw new UsageError("preset 'aws-ena' needs the instance's key: --key HEX, or --table with its `ethtool -x` output");
  let c;
  try {
    c = compilePreset(a.preset, n, a.opts);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  if (c.flowQueue) {
    const { hash, queue } = c.flowQueue(flow);
    io.out(`hash=0x${hash.toString(16).padStart(8, '0')} queue=${queue}\n`);
    const caps = presetInfo(a.preset).caps;
    if (caps.overriddenBy !== 'nothing') io.err(`note: on a real system ${caps.overriddenBy} take precedence over this hash\n`);
    if (!c.exact) io.err(`note: '${a.preset}' is a model; this is one reproducible draw for seed ${values.seed}, not what a kernel computes\n`);
    return 0;
  }
  const info = presetInfo(a.preset);
  io.out(`${a.preset} is a model (${info.title}): without --seed the queue of this flow is random.\n`);
  io.out(`queue distribution for n=${n}:\n`);
  c.weights.forEach((w, q) => io.out(`  queue ${q}: ${w.toFixed(6)}\n`));
  return 0;
};
