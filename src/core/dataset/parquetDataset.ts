// The dataset as Hive-partitioned Parquet: OUT/<table>/host=H/date=D/part-0.parquet, written by hyparquet-writer
// (pure JS, bundled into the CLI: no native module). The partition columns live in the path, not in the files,
// as DuckDB, Spark and Trino expect.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Dataset, TableName } from './datasetModel';
import { TABLES } from './datasetModel';

type ColumnType = 'STRING' | 'INT32' | 'DOUBLE' | 'BOOLEAN';

/** Each table's columns in file order (host and date are the partition, not columns of the files). */
const SCHEMA: Record<TableName, Array<[string, ColumnType]>> = {
  runs: [['run_id', 'STRING'], ['run_set', 'STRING'], ['kernel', 'STRING'], ['driver', 'STRING'], ['name', 'STRING'], ['queues', 'INT32'], ['streams', 'INT32'],
    ['trial', 'INT32'], ['throughput_bps', 'DOUBLE'], ['payload_bytes', 'DOUBLE'], ['seconds', 'DOUBLE'], ['busy_queues', 'INT32'],
    ['max_streams_per_queue', 'INT32'], ['expected_bps', 'DOUBLE'], ['p_this_slow', 'DOUBLE']],
  streams: [['run_id', 'STRING'], ['stream_id', 'INT32'], ['proto', 'STRING'], ['orig_h', 'STRING'], ['orig_p', 'INT32'], ['resp_h', 'STRING'],
    ['resp_p', 'INT32'], ['payload_bytes', 'DOUBLE'], ['bps', 'DOUBLE'], ['queue', 'INT32'], ['queue_source', 'STRING'], ['cpus', 'STRING'],
    ['traced_wire_bytes', 'DOUBLE'], ['community_id', 'STRING']],
  queues: [['run_id', 'STRING'], ['queue', 'INT32'], ['source', 'STRING'], ['streams', 'INT32'], ['packets', 'DOUBLE'], ['wire_bytes', 'DOUBLE']],
  flows: [['run_id', 'STRING'], ['proto', 'STRING'], ['orig_h', 'STRING'], ['orig_p', 'INT32'], ['resp_h', 'STRING'], ['resp_p', 'INT32'],
    ['orig_pkts', 'DOUBLE'], ['orig_wire_bytes', 'DOUBLE'], ['resp_pkts', 'DOUBLE'], ['resp_wire_bytes', 'DOUBLE'], ['first_ts', 'DOUBLE'],
    ['last_ts', 'DOUBLE'], ['community_id', 'STRING']],
  model: [['run_set', 'STRING'], ['kernel', 'STRING'], ['driver', 'STRING'], ['queues', 'INT32'], ['streams', 'INT32'], ['busy', 'INT32'], ['p_busy', 'DOUBLE'], ['preset', 'STRING']],
};

/** A partition value safe in a path on every system: letters, digits, . _ - kept, anything else as _. */
function partitionValue(v: string): string {
  const s = v.replace(/[^A-Za-z0-9._-]/g, '_');
  return s === '' || s === '.' || s === '..' ? '_' : s;
}

export interface WrittenFile { table: TableName; file: string; rows: number }

export function writeParquetDataset(d: Dataset, outDir: string): WrittenFile[] {
  const written: WrittenFile[] = [];
  for (const table of TABLES) {
    const rows = d[table] as unknown as Array<Record<string, unknown> & { host: string; date: string }>;
    const parts = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `host=${partitionValue(r.host)}/date=${partitionValue(r.date)}`;
      let list = parts.get(key);
      if (!list) parts.set(key, (list = []));
      list.push(r);
    }
    for (const [key, list] of parts) {
      const dir = path.join(outDir, table, ...key.split('/'));
      fs.mkdirSync(dir, { recursive: true });
      const buffer = parquetWriteBuffer({
        columnData: SCHEMA[table].map(([name, type]) => ({ name, type, data: list.map((r) => (r[name] === undefined ? null : r[name])) as never })),
        createdBy: 'queue-lens export',
      });
      const file = path.join(dir, 'part-0.parquet');
      fs.writeFileSync(file, new Uint8Array(buffer));
      written.push({ table, file, rows: list.length });
    }
  }
  return written;
}
