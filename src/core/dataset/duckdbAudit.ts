// `queue-lens audit DATASET`: the audit's SQL (auditSql.ts) run on DuckDB, embedded through its Node package
// (@duckdb/node-api, a native module: loaded only here, only by the CLI; never in the extension or the .vsix).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chiSquareSurvival, poolCells } from '../analysis/stats/chiSquare';
import { AUDIT_SQL, AuditQuery } from './auditSql';
import { TABLES } from './datasetModel';
import { errorMessage } from '../text';

type AuditRow = Record<string, string | number | boolean | null>;

interface BusyFitGroup {
  kernel: string;
  driver: string;
  queues: number;
  streams: number;
  runs: number;
  /** Pearson's X² with adjacent cells pooled to an expected count ≥ 5; p from χ² with cells − 1 degrees of freedom (asymptotic). */
  statistic: number;
  df: number;
  pValue: number | null;
}

export interface AuditReport {
  dataset: string;
  engine: string;
  tables: Record<string, number>;
  queries: Record<AuditQuery, { sql: string; rows: AuditRow[] }>;
  busyFit: BusyFitGroup[];
}

/** DuckDB's values as JSON values: BIGINT as a number, anything else not plain (dates, decimals) as its text. */
function plain(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export class DuckDbMissingError extends Error {}

export async function auditDataset(dataset: string): Promise<AuditReport> {
  for (const t of ['runs', 'model'] as const) {
    if (!fs.existsSync(path.join(dataset, t))) throw new Error(`${dataset}: no ${t}/ folder; write a dataset with queue-lens export RUNSET... --parquet ${dataset}`);
  }
  let duck: typeof import('@duckdb/node-api');
  try {
    duck = await import('@duckdb/node-api');
  } catch (e) {
    throw new DuckDbMissingError(`queue-lens audit runs on DuckDB through its Node package, which is not installed here (${errorMessage(e).split('\n')[0]}): npm install @duckdb/node-api`);
  }
  const instance = await duck.DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    const tables: Record<string, number> = {};
    for (const t of TABLES) {
      if (!fs.existsSync(path.join(dataset, t))) continue;
      const glob = path.join(dataset, t, '*', '*', '*.parquet');
      await db.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${sqlString(glob)}, hive_partitioning = true, hive_types_autocast = false)`);
      const r = await db.runAndReadAll(`SELECT COUNT(*) AS n FROM ${t}`);
      tables[t] = Number(r.getRowObjects()[0].n);
    }
    const queries = {} as AuditReport['queries'];
    for (const [name, sql] of Object.entries(AUDIT_SQL) as Array<[AuditQuery, string]>) {
      const r = await db.runAndReadAll(sql);
      queries[name] = { sql, rows: r.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))) };
    }
    return { dataset, engine: `DuckDB ${await version(db)} (@duckdb/node-api)`, tables, queries, busyFit: busyFitGroups(queries.busyVsModel.rows) };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

async function version(db: { runAndReadAll(sql: string): Promise<{ getRowObjects(): Array<Record<string, unknown>> }> }): Promise<string> {
  const r = await db.runAndReadAll('SELECT version() AS v');
  return String(r.getRowObjects()[0].v);
}

/** The busy-vs-model rows per (kernel, driver, N, K) as one χ² test each. */
function busyFitGroups(rows: readonly AuditRow[]): BusyFitGroup[] {
  const groups = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const key = `${r.kernel}|${r.driver}|${r.queues}|${r.streams}`;
    const g = groups.get(key) ?? [];
    g.push(r);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const observed = g.map((r) => Number(r.observed));
    const expected = g.map((r) => Number(r.expected));
    const cells = poolCells(observed, expected, 5);
    const statistic = cells.observed.reduce((s, o, i) => s + (o - cells.expected[i]) ** 2 / cells.expected[i], 0);
    const df = cells.observed.length - 1;
    return {
      kernel: String(g[0].kernel), driver: String(g[0].driver), queues: Number(g[0].queues), streams: Number(g[0].streams), runs: observed.reduce((a, b) => a + b, 0),
      statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : null,
    };
  });
}
