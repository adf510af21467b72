// `queue-lens config FILES... [--json]`: how many queues the run really had and why, and which CPUs served each.
import * as fs from 'node:fs';
import { CONFIG_FORMATS, ConfigJson, queueConfigJson } from '../core/config';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';

const USAGE = 'usage: queue-lens config FILE|DIR... [--before FILE]... [--dev DEV] [--queues N] [--json]';

const HELP = `${USAGE}

How many queues a run really had, why, and which CPU served each queue. Each file's format is read from its
content: ${CONFIG_FORMATS}. A folder (a recorded run, or its config/ folder) is searched for such snapshots;
files named *before* are the start of a before/after pair. A file whose path names dom0, backend or host is
dom0's (its vCPUs, its cmdline); any other is the guest's.
  --before  a snapshot taken before the run (interrupts, io_ring_qN): per-queue figures become deltas
  --dev     whose per-queue interrupt vectors to map, when several devices have them
  --queues  the queue count you assumed (default: a run folder's name, q5-…): warns when the configuration disagrees
  --json    {"effective", "offered", "sentence", "reasons": [...], "queues": [{"queue", "irqs", "cpus", ...}], ...}
`;

const list = (cpus: readonly number[] | null): string => (cpus === null ? '-' : cpus.length ? cpus.join(',') : 'none');

const BASIS: Record<string, string> = {
  interrupts: 'where its interrupts ran (measured)',
  'netback-thread': 'where its netback threads last ran (measured)',
  'irq-affinity': 'its IRQ affinity (configured)',
  xps: 'its XPS mask (configured)',
  rps: 'its RPS mask (configured)',
};

function renderConfig(r: ConfigJson): string {
  const out = [r.sentence, ...r.reasons.map((x) => `  - ${x}`)];
  if (r.queues.length) {
    out.push('', `queue → interrupt → CPU${r.device ? ` (${r.device})` : ''}:`);
    out.push('  queue  irqs                          cpus      basis');
    for (const q of r.queues) {
      const irqs = q.irqs.map((i) => `${i.irq}:${i.name}${i.total ? ` ${i.total}` : ''}`).join(' ') || '-';
      const extra = [
        q.xpsCpus ? `xps ${list(q.xpsCpus)}` : '', q.rpsCpus ? `rps ${list(q.rpsCpus)}` : '',
        q.threads.length ? `netback ${q.threads.map((t) => `${t.comm}@cpu${t.cpu} ${t.pcpu}%`).join(' ')}` : '',
        q.ringRequests ? `ring requests tx ${q.ringRequests.tx ?? '-'} rx ${q.ringRequests.rx ?? '-'}` : '',
      ].filter(Boolean).join('; ');
      out.push(`  ${String(q.queue).padStart(5)}  ${irqs.padEnd(28)}  ${list(q.basis ? q.cpus : null).padEnd(8)}  ${q.basis ? BASIS[q.basis] : '-'}${extra ? `; ${extra}` : ''}`);
    }
    out.push('  (interrupt counts are measured interrupts, not bytes; %CPU is ps\'s, over each thread\'s lifetime)');
  }
  if (r.traced) {
    out.push('', `traced CPU per ${r.traced.direction} queue (measured, trace ${r.traced.file}; the CPU that handled most of its bytes first):`);
    for (const q of r.traced.queues) out.push(`  q${q.queue}: CPU ${q.cpus.map((c, i) => `${c} (${q.wireBytes[i]} B)`).join(', CPU ')}`);
  }
  return `${out.join('\n')}\n`;
}

export const configCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: {
      before: { type: 'string', multiple: true },
      dev: { type: 'string' },
      queues: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length === 0) throw new UsageError(`no configuration file given\n${USAGE}`);
  const user = values.queues === undefined ? undefined : Number(values.queues);
  if (user !== undefined && (!Number.isInteger(user) || user < 1)) throw new UsageError(`--queues takes a positive whole number, not '${values.queues}'`);
  for (const f of [...positionals, ...(values.before ?? [])]) {
    if (!fs.existsSync(f)) { io.err(`queue-lens config: cannot read ${f}: no such file\n`); return 2; }
  }
  const j = queueConfigJson(positionals, { before: values.before, device: values.dev, userQueues: user });
  io.out(values.json ? `${JSON.stringify(j)}\n` : renderConfig(j));
  for (const w of j.warnings) io.err(`warning: ${w}\n`);
  return 0;
};
