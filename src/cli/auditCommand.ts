// `queue-lens audit DATASET`: the dataset's aggregations as SQL on DuckDB (core/dataset/duckdbAudit.ts).
import { auditDataset, AuditReport, DuckDbMissingError } from '../core/dataset/duckdbAudit';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { formatMbit } from '../core/text';

const USAGE = 'usage: queue-lens audit DATASET [--json]';

const HELP = `${USAGE}

DATASET is a folder written by queue-lens export --parquet. Runs, on DuckDB embedded through @duckdb/node-api
(installed with the repository's dev dependencies; not in the .vsix), the SQL in docs/sql/:
  busy-vs-model        measured busy queues against the model's distribution per (kernel, driver, N, K),
                       with Pearson's X² per group (cells pooled to expected >= 5, asymptotic p)
  hosts-spread         per host: measured mean busy queues, the model's, and a z score
  fell-below-previous  runs 5 % or more below their own trial's run at n - 1
The same SQL runs on Spark SQL or Trino over the same files (docs/dataset.md says how).
`;

function render(r: AuditReport): string {
  const out = [`${r.dataset}: ${Object.entries(r.tables).map(([t, n]) => `${t} ${n}`).join(', ')} rows; ${r.engine}`, '',
    'busy queues against the model (measured against modelled), per kernel, driver, N, K:'];
  for (const g of r.busyFit) {
    out.push(`  ${g.kernel} ${g.driver}  N=${g.queues} K=${g.streams}: ${g.runs} runs, X² = ${g.statistic.toFixed(2)}, df ${g.df}, p = ${g.pValue === null ? '-' : g.pValue.toFixed(3)}`);
  }
  out.push('', 'hosts (mean busy queues measured / modelled, z):');
  for (const h of r.queries.hostsSpread.rows) {
    out.push(`  ${h.host}: ${h.runs} runs, ${Number(h.mean_busy).toFixed(2)} / ${Number(h.expected_mean_busy).toFixed(2)}, z = ${h.z === null ? '-' : Number(h.z).toFixed(2)}`);
  }
  const fell = r.queries.fellBelowPrevious.rows;
  out.push('', `${fell.length} runs fell 5 % or more below their trial's run at n - 1 (measured):`);
  for (const f of fell.slice(0, 20)) {
    out.push(`  ${f.run_set} trial ${f.trial}: ${f.queues} queues ${formatMbit(Number(f.throughput_bps))} Mbit/s after ${formatMbit(Number(f.previous_bps))}; busy ${f.busy_queues ?? '?'} after ${f.previous_busy ?? '?'}`);
  }
  if (fell.length > 20) out.push(`  … ${fell.length - 20} more (--json has them all)`);
  return `${out.join('\n')}\n`;
}

export const auditCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
    allowPositionals: true,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length !== 1) throw new UsageError(`one dataset folder\n${USAGE}`);
  try {
    const r = await auditDataset(positionals[0]);
    io.out(values.json ? `${JSON.stringify(r, null, 2)}\n` : render(r));
    return 0;
  } catch (e) {
    if (e instanceof DuckDbMissingError) { io.err(`queue-lens audit: ${e.message}\n`); return 2; }
    throw e;
  }
};
