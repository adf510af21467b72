// `queue-lens export RUNSET... --parquet OUT/ [--conn-log FILE] [--json]`: the columnar dataset of runs.
import { weightsPresetArg } from './presetArg';
import * as fs from 'node:fs';
import { buildDataset } from '../core/dataset/buildDataset';
import { connLog } from '../core/dataset/connLog';
import { TABLES } from '../core/dataset/datasetModel';
import { loadDatasetSet } from '../core/dataset/loadDatasetSets';
import { writeParquetDataset } from '../core/dataset/parquetDataset';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';

const USAGE = 'usage: queue-lens export RUNSET... [--parquet OUT/] [--conn-log FILE] [--preset P] [--json]';

const HELP = `${USAGE}

Each RUNSET is a folder of runs (as queue-lens sweep reads one). Writes the dataset of docs/dataset.md:
  --parquet OUT/   tables runs, streams, queues, flows, model as Hive-partitioned Parquet,
                   OUT/<table>/host=H/date=D/part-0.parquet (host: the manifest's "host", else the folder's name)
  --conn-log FILE  the streams as a Zeek conn.log with a community_id column (Community ID v1)
  --json           the tables as JSON on stdout (the same rows, partition columns included)
Units are in the column names: payload_bytes (iperf's, as Zeek's orig_bytes), wire_bytes (whole frames: per-queue
counters, the trace, the capture's flows). A recorded run's trace adds queue rows with source 'trace'; its capture,
the flows table.
`;

export const exportCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const { values, positionals } = parseCliArgs({
    args: argv,
    options: {
      parquet: { type: 'string' }, 'conn-log': { type: 'string' }, preset: { type: 'string' },
      json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length === 0) throw new UsageError(`no run-set folder given\n${USAGE}`);
  if (!values.parquet && !values['conn-log'] && !values.json) throw new UsageError(`say what to write: --parquet OUT/, --conn-log FILE or --json\n${USAGE}`);
  const preset = weightsPresetArg(values.preset);
  for (const dir of positionals) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) { io.err(`queue-lens export: ${dir} is not a folder\n`); return 2; }
  }
  const sets = [];
  const warnings: string[] = [];
  const labels = new Set<string>();
  for (const dir of positionals) {
    const s = await loadDatasetSet(dir);
    if (labels.has(s.label)) { io.err(`queue-lens export: two run sets are named ${s.label}; their run ids would clash\n`); return 2; }
    labels.add(s.label);
    warnings.push(...s.warnings);
    sets.push(s);
  }
  const d = buildDataset(sets, preset);
  warnings.push(...d.warnings);
  if (values.parquet) {
    const files = writeParquetDataset(d, values.parquet);
    if (!values.json) {
      io.out(`${values.parquet}: ${TABLES.map((t) => `${t} ${d[t].length} rows`).join(', ')} in ${files.length} Parquet files\n`);
    }
  }
  if (values['conn-log']) {
    fs.writeFileSync(values['conn-log'], connLog(d, new Date()));
    if (!values.json) io.out(`${values['conn-log']}: ${d.streams.length} connections (Zeek conn.log with community_id)\n`);
  }
  if (values.json) io.out(`${JSON.stringify({ runs: d.runs, streams: d.streams, queues: d.queues, flows: d.flows, model: d.model, warnings })}\n`);
  for (const w of warnings) io.err(`warning: ${w}\n`);
  return 0;
};
