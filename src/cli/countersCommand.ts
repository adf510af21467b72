// `queue-lens counters AFTER [--before BEFORE] [--json]`: per-queue counters of one snapshot or a before/after pair.
import * as fs from 'node:fs';
import { counterDelta, CounterSnapshot, imbalance, NoQueueCountersError, QueueCounter } from '../core/counters';
import { readCounterPath } from '../core/runs/counterFiles';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { maxOf } from '../core/analysis/stats/extremes';
import { formatPercent } from '../core/text';

const USAGE = 'usage: queue-lens counters AFTER [--before BEFORE] [--dev DEV] [--json]';

const HELP = `${USAGE}

Per-queue counters, measured by the kernel or the NIC: ethtool -S (virtio_net, ena, mlx5, i40e/iavf, ice,
sfc, bnxt_en/bnx2x, be2net, vmxnet3, ...), tc -s qdisc (the mq root's children: parent R:q is tx queue q-1),
tc -s class (class mq R:q), /proc/interrupts (per-queue vectors: interrupts, not bytes), ynl qstats-get
(scope queue), or a /sys/class/net/DEV/queues folder (queue count only). The format is read from the content.
With --before, the values are AFTER - BEFORE. Queues are 0-based.
  --before  an earlier snapshot of the same device and tool
  --dev     which device, when the file holds several
  --json    {"source", "device", "tx": [{"queue", "packets", "bytes"}], "rx": [...]}
Exit 2 when the file has no per-queue counters (e.g. a driver with device totals only).
`;

interface CountersJson {
  source: CounterSnapshot['source'];
  device: string | null;
  /** 'traffic' (packets/bytes) or 'interrupts' (IRQ counts; packets and bytes are null). */
  unit: CounterSnapshot['unit'];
  /** true when the values are after − before. */
  delta: boolean;
  tx: Array<{ queue: number; packets: number | null; bytes: number | null; interrupts?: number }>;
  rx: Array<{ queue: number; packets: number | null; bytes: number | null; interrupts?: number }>;
  warnings: string[];
}

const strip = (c: QueueCounter): CountersJson['tx'][number] => {
  const o: CountersJson['tx'][number] = { queue: c.queue, packets: c.packets, bytes: c.bytes };
  if (c.interrupts !== undefined) o.interrupts = c.interrupts;
  return o;
};

/** The figure the table is about: bytes, else packets, else interrupts. */
function mainValues(side: readonly QueueCounter[]): { label: string; values: number[] } | undefined {
  if (side.length === 0) return undefined;
  if (side.every((c) => c.bytes !== null)) return { label: 'bytes', values: side.map((c) => c.bytes as number) };
  if (side.every((c) => c.packets !== null)) return { label: 'packets', values: side.map((c) => c.packets as number) };
  if (side.every((c) => c.interrupts !== undefined)) return { label: 'interrupts', values: side.map((c) => c.interrupts as number) };
  return undefined;
}

function renderSide(name: string, side: readonly QueueCounter[]): string[] {
  const m = mainValues(side);
  if (!m) return side.length ? [`${name}: ${side.length} queues, counters incomplete`] : [];
  const im = imbalance(m.values);
  const w = Math.max(maxOf(m.values.map((v) => String(v).length)), m.label.length);
  const out = [`${name} (${side.length} queues, measured ${m.label}):`, `  queue  ${m.label.padStart(w)}  ${'packets'.padStart(12)}  share`];
  side.forEach((c, i) => {
    const share = formatPercent(im.shares[i]).padStart(7);
    const bar = '#'.repeat(Math.round(im.shares[i] * 40));
    out.push(`  ${String(c.queue).padStart(5)}  ${String(m.values[i]).padStart(w)}  ${(m.label === 'packets' || c.packets === null ? '' : String(c.packets)).padStart(12)}  ${share}  ${bar}`);
  });
  out.push(`  total ${im.total} ${m.label}; busy queues ${im.busy} of ${side.length} (≥ 1 % of the busiest); ` +
    `max/mean ${im.maxOverMean === null ? '-' : im.maxOverMean.toFixed(2)} (1 = even); ` +
    `Jain's index ${im.jain === null ? '-' : im.jain.toFixed(3)} (1 = even, ${(1 / side.length).toFixed(3)} = one queue)`);
  return out;
}

function render(j: CountersJson, after: string, before: string | undefined, snap: CounterSnapshot): string {
  const out = [
    `${after}${before ? ` minus ${before}` : ''}: ${j.source}${j.device ? ` of ${j.device}` : ''}` +
      `${snap.naming ? ` (${snap.naming})` : ''}; measured${j.unit === 'interrupts' ? ' interrupts, a proxy for activity, not bytes' : ''}` +
      `${before ? '' : ' since the counters started'}`,
    ...renderSide('tx', snap.tx),
    ...renderSide('rx', snap.rx),
  ];
  return `${out.join('\n')}\n`;
}

export const countersCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: {
      before: { type: 'string' },
      dev: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length !== 1) throw new UsageError(`${positionals.length === 0 ? 'no counter file given' : 'one AFTER file at a time (use --before for the earlier one)'}\n${USAGE}`);
  const after = positionals[0];
  for (const f of [after, values.before]) {
    if (f !== undefined && !fs.existsSync(f)) { io.err(`queue-lens counters: cannot read ${f}: no such file\n`); return 2; }
  }
  let snap: CounterSnapshot;
  try {
    const a = readCounterPath(after, { device: values.dev });
    snap = values.before === undefined ? a : counterDelta({ snap: readCounterPath(values.before, { device: values.dev }), file: values.before }, { snap: a, file: after });
  } catch (e) {
    if (e instanceof NoQueueCountersError) { io.err(`queue-lens counters: ${e.message}\n`); return 2; }
    throw e;
  }
  const j: CountersJson = {
    source: snap.source, device: snap.device, unit: snap.unit, delta: values.before !== undefined,
    tx: snap.tx.map(strip), rx: snap.rx.map(strip), warnings: snap.warnings,
  };
  io.out(values.json ? `${JSON.stringify(j)}\n` : render(j, after, values.before, snap));
  for (const w of snap.warnings) io.err(`warning: ${w}\n`);
  return 0;
};
