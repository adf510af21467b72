// queue-lens export on recorded runs (queue-lens record: log, counters, kernel trace, capture): DuckDB reads the
// queues table's trace rows back with the trace file's frames and wire bytes, the streams table with each stream's
// traced queue (checked against the run's independent htb-class ground truth), and the flows table with the capture's
// flow report, row for row and sum for sum.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import { analyseCaptures } from '../../../src/core/flows/analyse';
import { communityId } from '../../../src/core/dataset/communityId';
import type { Dataset } from '../../../src/core/dataset/datasetModel';
import { parseTrace } from '../../../src/core/trace';
import { repoRoot } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const fixtures = path.join(repoRoot, 'test', 'fixtures');
const sets = [path.join(fixtures, 'recorded'), path.join(fixtures, 'recorded-interval')];
const runDirs: Record<string, string> = {
  'recorded/iperf3-p8-q4/command.log': path.join(fixtures, 'recorded', 'iperf3-p8-q4'),
  'recorded-interval/run/command.log': path.join(fixtures, 'recorded-interval', 'run'),
};
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-dataset-rec-'));
const parquet = path.join(out, 'ds');
let json: Dataset;
let db: DuckDBConnection;

before(async () => {
  const w = await runCli(['export', ...sets, '--parquet', parquet]);
  assert.equal(w.code, 0, w.err);
  assert.match(w.out, /flows \d+ rows/);
  const j = await runCli(['export', ...sets, '--json']);
  assert.equal(j.code, 0, j.err);
  json = JSON.parse(j.out) as Dataset;
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
after(() => {
  db.closeSync();
  fs.rmSync(out, { recursive: true, force: true });
});

const table = (t: string): string => `read_parquet('${path.join(parquet, t, '*', '*', '*.parquet')}', hive_partitioning = true)`;
const rows = async (sql: string): Promise<Array<Record<string, unknown>>> => (await db.runAndReadAll(sql)).getRowObjects() as Array<Record<string, unknown>>;
const sum = (xs: ReadonlyArray<Record<string, unknown>>, col: string): number => xs.reduce((s, r) => s + (typeof r[col] === 'number' ? (r[col] as number) : 0), 0);
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('queue-lens export of recorded runs: the trace and the capture as tables', () => {
  it('DuckDB reads all five tables back with the JSON export\'s row counts and sums', async () => {
    const checks: Record<string, string[]> = {
      runs: ['throughput_bps', 'busy_queues'],
      streams: ['payload_bytes', 'queue', 'traced_wire_bytes'],
      queues: ['streams', 'packets', 'wire_bytes'],
      flows: ['orig_pkts', 'orig_wire_bytes', 'resp_pkts', 'resp_wire_bytes', 'first_ts', 'last_ts'],
      model: ['p_busy'],
    };
    for (const [t, cols] of Object.entries(checks)) {
      const [row] = await rows(`SELECT COUNT(*) AS n, ${cols.map((c) => `SUM(${c}) AS "${c}"`).join(', ')} FROM ${table(t)}`);
      const js = json[t as keyof Dataset] as unknown as Array<Record<string, unknown>>;
      assert.ok(js.length > 0, t);
      assert.equal(Number(row.n), js.length, `${t}: rows`);
      for (const c of cols) assert.ok(close(Number(row[c]), sum(js, c)), `${t}.${c}: ${row[c]} vs ${sum(js, c)}`);
    }
  });

  it('the queues table\'s trace rows carry the trace file\'s tx frames and wire bytes, beside the counters\' rows', async () => {
    const got = await rows(`SELECT run_id, source, COUNT(*) AS n, SUM(packets) AS frames, SUM(wire_bytes) AS bytes FROM ${table('queues')} GROUP BY ALL ORDER BY ALL`);
    assert.deepEqual(got.map((r) => `${r.run_id}|${r.source}|${Number(r.n)}`), Object.keys(runDirs).flatMap((id) => [`${id}|tc-qdisc|4`, `${id}|trace|4`]).sort());
    for (const [id, dir] of Object.entries(runDirs)) {
      const file = path.join(dir, 'trace.txt');
      const trace = parseTrace(fs.readFileSync(file, 'utf8'), file);
      const tx = trace.rows.filter((r) => r.direction === 'tx');
      const other = trace.other.filter((o) => o.direction === 'tx');
      const t = got.find((r) => r.run_id === id && r.source === 'trace')!;
      assert.equal(Number(t.frames), sum(tx as never, 'segments') + sum(other as never, 'packets'), `${id}: frames`);
      assert.equal(Number(t.bytes), sum(tx as never, 'wireBytes') + sum(other as never, 'wireBytes'), `${id}: wire bytes`);
      // the counters' rows are the counters' (tc qdisc), not the trace's: the interval run's differ where the tracer missed skbs
      const c = got.find((r) => r.run_id === id && r.source === 'tc-qdisc')!;
      assert.ok(Math.abs(Number(c.bytes) - Number(t.bytes)) <= 0.001 * Number(c.bytes), `${id}: counters ${c.bytes} vs trace ${t.bytes}`);
    }
  });

  it('each stream\'s queue is the traced one (queue_source trace), and equals the run\'s per-port htb ground truth', async () => {
    const got = await rows(`SELECT orig_p, queue, queue_source, cpus, traced_wire_bytes FROM ${table('streams')} WHERE run_id = 'recorded/iperf3-p8-q4/command.log' ORDER BY orig_p`);
    const truth = JSON.parse(fs.readFileSync(path.join(runDirs['recorded/iperf3-p8-q4/command.log'], 'truth.json'), 'utf8')) as { ports: Record<string, Array<{ queue: number; bytes: number }>> };
    assert.equal(got.length, 8);
    for (const s of got) {
      assert.equal(s.queue_source, 'trace');
      assert.match(String(s.cpus), /^\d+(,\d+)*$/);
      const t = truth.ports[String(s.orig_p)];
      assert.equal(t.length, 1, `port ${s.orig_p} used one queue`);
      assert.equal(s.queue, t[0].queue, `port ${s.orig_p}: queue`);
      assert.equal(Number(s.traced_wire_bytes), t[0].bytes, `port ${s.orig_p}: wire bytes`);
    }
    const all = await rows(`SELECT COUNT(*) AS n FROM ${table('streams')} WHERE queue_source = 'trace'`);
    assert.equal(Number(all[0].n), json.streams.length);
  });

  it('the flows table is the capture\'s flow report: every flow, its packets and wire bytes, each with its Community ID', async () => {
    const report = await analyseCaptures([path.join(runDirs['recorded/iperf3-p8-q4/command.log'], 'capture.pcap')]);
    const got = await rows(`SELECT * FROM ${table('flows')} ORDER BY first_ts`);
    assert.equal(got.length, report.flows.length);
    assert.equal(sum(got, 'orig_pkts') + sum(got, 'resp_pkts'), report.flows.reduce((s, f) => s + f.aToB.packets + f.bToA.packets, 0));
    assert.equal(sum(got, 'orig_wire_bytes') + sum(got, 'resp_wire_bytes'), report.flows.reduce((s, f) => s + f.aToB.bytes + f.bToA.bytes, 0));
    // the capture's packets not in any flow are non-IP (ARP): the flows hold at most the capture's totals
    assert.ok(sum(got, 'orig_wire_bytes') + sum(got, 'resp_wire_bytes') <= report.bytes);
    for (const f of got) {
      assert.ok(Number(f.last_ts) >= Number(f.first_ts) && Number(f.first_ts) >= report.start);
      assert.equal(f.community_id, communityId({ proto: f.proto === 'udp' ? 17 : 6, saddr: String(f.orig_h), daddr: String(f.resp_h), sport: Number(f.orig_p), dport: Number(f.resp_p) }));
    }
    // every iperf stream is a flow of the capture, found by its Community ID
    const joined = await rows(`SELECT COUNT(*) AS n FROM ${table('streams')} s JOIN ${table('flows')} f USING (run_id, community_id)`);
    assert.equal(Number(joined[0].n), json.streams.filter((s) => s.run_id === 'recorded/iperf3-p8-q4/command.log').length);
  });

  it('the sample recorded run exports too, with the trace\'s queues and the capture\'s flows', async () => {
    const r = await runCli(['export', path.join(repoRoot, 'samples', 'recorded'), '--json']);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as Dataset;
    assert.equal(d.queues.filter((q) => q.source === 'trace').length, 4);
    assert.ok(d.flows.length > 0);
    assert.ok(d.streams.every((s) => s.queue_source === 'trace'));
    // the set's partition and kernel/driver are its recorded run's: run.json's start, uname -r, ethtool -i
    const run = path.join(repoRoot, 'samples', 'recorded', 'iperf3-p8-q4');
    const start = (JSON.parse(fs.readFileSync(path.join(run, 'run.json'), 'utf8')) as { start: string }).start;
    assert.deepEqual([...new Set(d.runs.concat(d.model as never).map((r) => `${r.host}/${r.date}/${r.kernel}/${r.driver}`))],
      [`recorded/${start.slice(0, 10)}/${fs.readFileSync(path.join(run, 'config', 'uname-r.txt'), 'utf8').trim()}/veth`]);
    assert.ok(fs.existsSync(path.join(parquet, 'flows', 'host=recorded', `date=${start.slice(0, 10)}`, 'part-0.parquet')));
  });

  it('a hand-made run folder\'s capture gives flows too, run by run as the capture reader reports them', async () => {
    const dir = path.join(fixtures, 'measured-queues');
    const r = await runCli(['export', dir, '--json']);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out) as Dataset;
    assert.equal(d.runs.length, 6);
    for (const run of d.runs) {
      const report = await analyseCaptures([path.join(dir, path.dirname(run.name), 'capture.pcap')]);
      const flows = d.flows.filter((f) => f.run_id === run.run_id);
      assert.equal(flows.length, report.flows.length, run.run_id);
      assert.equal(sum(flows as never, 'orig_wire_bytes'), report.flows.reduce((s, f) => s + f.aToB.bytes, 0), run.run_id);
      // the counters tell the queues here (no trace): no queue row or stream claims the trace
      assert.ok(d.queues.filter((q) => q.run_id === run.run_id).every((q) => q.source !== 'trace'));
    }
    assert.ok(d.streams.every((s) => s.queue_source !== 'trace' && s.cpus === null));
  });
});
