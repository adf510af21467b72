// queue-lens export and audit on the repository's real run sets: DuckDB reads the Parquet back with the row counts
// and sums of the JSON export; the conn.log carries each stream with its Community ID; audit's SQL finds the same
// falls as the sweep engine and counts the same busy queues.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { AUDIT_SQL, AUDIT_SQL_FILES } from '../../../src/core/dataset/auditSql';
import { communityId } from '../../../src/core/dataset/communityId';
import type { Dataset } from '../../../src/core/dataset/datasetModel';
import { repoRoot } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const sets = ['experiment', 'one-run-sweeps', 'faster-queues'].map((s) => path.join(repoRoot, 'samples', s));
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-dataset-'));
const parquet = path.join(out, 'ds');
const conn = path.join(out, 'conn.log');
let json: Dataset;

before(async () => {
  const w = await runCli(['export', ...sets, '--parquet', parquet, '--conn-log', conn]);
  assert.equal(w.code, 0, w.err);
  const j = await runCli(['export', ...sets, '--json']);
  assert.equal(j.code, 0, j.err);
  json = JSON.parse(j.out) as Dataset;
});
after(() => fs.rmSync(out, { recursive: true, force: true }));

const sum = (rows: ReadonlyArray<Record<string, unknown>>, col: string): number => rows.reduce((s, r) => s + (typeof r[col] === 'number' ? (r[col] as number) : 0), 0);
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('queue-lens export: Parquet read back by DuckDB', () => {
  it('row counts and column sums equal the JSON export, table by table, with the host/date partitions', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const checks: Record<string, string[]> = {
      runs: ['throughput_bps', 'payload_bytes', 'seconds', 'busy_queues', 'expected_bps'],
      streams: ['payload_bytes', 'bps', 'orig_p', 'queue'],
      queues: ['streams', 'wire_bytes'],
      model: ['p_busy', 'busy'],
    };
    for (const [table, cols] of Object.entries(checks)) {
      const glob = path.join(parquet, table, '*', '*', '*.parquet');
      const r = await db.runAndReadAll(`SELECT COUNT(*) AS n, ${cols.map((c) => `SUM(${c}) AS "${c}"`).join(', ')}, COUNT(DISTINCT host) AS hosts FROM read_parquet('${glob}', hive_partitioning = true)`);
      const row = r.getRowObjects()[0];
      const rows = json[table as keyof Dataset] as unknown as Array<Record<string, unknown>>;
      assert.equal(Number(row.n), rows.length, `${table}: rows`);
      assert.ok(rows.length > 0);
      assert.equal(Number(row.hosts), new Set(rows.map((x) => x.host)).size, `${table}: hosts`);
      for (const c of cols) assert.ok(close(Number(row[c]), sum(rows, c)), `${table}.${c}: ${row[c]} vs ${sum(rows, c)}`);
    }
    db.closeSync();
  });

  it('holds every run of the three sets (24 + 160 + 80) with 8 streams each, and the dates of their manifests', () => {
    assert.equal(json.runs.length, 264);
    assert.equal(json.streams.length, 264 * 8);
    assert.deepEqual([...new Set(json.runs.map((r) => `${r.host}/${r.date}`))].sort(), ['experiment/2026-11-25', 'faster-queues/2026-12-06', 'one-run-sweeps/2026-11-25'].sort());
    assert.ok(fs.existsSync(path.join(parquet, 'runs', 'host=faster-queues', 'date=2026-12-06', 'part-0.parquet')));
  });
});

describe('queue-lens export --conn-log', () => {
  it('one Zeek conn line per stream, its community_id the spec\'s hash of the line\'s own 4-tuple', () => {
    const lines = fs.readFileSync(conn, 'utf8').split('\n').filter((l) => l !== '');
    const fields = lines.find((l) => l.startsWith('#fields'))!.split('\t').slice(1);
    assert.equal(fields[fields.length - 1], 'community_id');
    const data = lines.filter((l) => !l.startsWith('#'));
    assert.equal(data.length, json.streams.length);
    const col = (name: string): number => fields.indexOf(name);
    for (const l of data) {
      const f = l.split('\t');
      assert.equal(f.length, fields.length);
      assert.equal(f[col('proto')], 'tcp');
      assert.equal(f[col('community_id')], communityId({ proto: 6, saddr: f[col('id.orig_h')], daddr: f[col('id.resp_h')], sport: Number(f[col('id.orig_p')]), dport: Number(f[col('id.resp_p')]) }));
    }
    // orig_bytes are the streams' payload bytes
    assert.equal(data.reduce((s, l) => s + Number(l.split('\t')[col('orig_bytes')]), 0), sum(json.streams as never, 'payload_bytes'));
  });
});

describe('queue-lens audit on the dataset (DuckDB)', () => {
  it('finds exactly the falls the sweep engine finds, and counts the busy queues the runs measured', async () => {
    const r = await runCli(['audit', parquet, '--json']);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(r.out) as { tables: Record<string, number>; engine: string; queries: Record<string, { rows: Array<Record<string, unknown>> }>; busyFit: Array<{ runs: number; pValue: number | null }> };
    assert.match(a.engine, /^DuckDB v\d/);
    assert.equal(a.tables.runs, json.runs.length);
    for (const dir of sets) {
      const label = path.basename(dir);
      const falls = sweep(loadSweepFolder(dir).runs, { preset: 'uniform' }).trialDips.map((d) => `${d.trial}/${d.n}`).sort();
      const sql = a.queries.fellBelowPrevious.rows.filter((x) => x.run_set === label).map((x) => `${x.trial}/${x.queues}`).sort();
      assert.deepEqual(sql, falls, label);
    }
    const observed = a.queries.busyVsModel.rows.reduce((s, x) => s + Number(x.observed), 0);
    assert.equal(observed, json.runs.filter((x) => x.busy_queues !== null && x.queues >= 2).length);
    assert.equal(a.busyFit.reduce((s, g) => s + g.runs, 0), observed);
    const hosts = a.queries.hostsSpread.rows.map((x) => x.host).sort();
    assert.deepEqual(hosts, ['experiment', 'faster-queues', 'one-run-sweeps']);
    // a real kernel's busy queues fit the fair model in every host (|z| < 3)
    for (const h of a.queries.hostsSpread.rows) assert.ok(Math.abs(Number(h.z)) < 3, `${h.host}: z = ${h.z}`);
  });

  it('a folder that is not a dataset is an error naming it', async () => {
    const r = await runCli(['audit', out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /no runs\/ folder/);
  });

  it('docs/sql holds the very SQL audit runs (for Spark SQL and Trino)', () => {
    for (const [name, file] of Object.entries(AUDIT_SQL_FILES)) {
      assert.equal(fs.readFileSync(path.join(repoRoot, 'docs', 'sql', file), 'utf8'), AUDIT_SQL[name as keyof typeof AUDIT_SQL]);
    }
  });
});
