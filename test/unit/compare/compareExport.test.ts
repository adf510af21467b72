// The comparison's files: CSV rows per queue count with the report's numbers, HTML with every string escaped, JSON
// equal to `queue-lens compare --json`; and folders that are not run sets.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { compareCsv, compareHtml, compareJson } from '../../../src/core/analysis/compare/compareExport';
import { compareFolders } from '../../../src/core/analysis/compare/compareLoader';
import { runCli } from '../sweep/helpers';
import { experimentDir, oneRunSweepsDir, tempRoot } from './helpers';

const root = tempRoot();
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('compare exports', () => {
  it('CSV: a header and one row per queue count with the means in Mbit/s and the intervals', async () => {
    const r = await compareFolders(experimentDir, oneRunSweepsDir, { resamples: 500, fitDraws: 200 });
    const lines = compareCsv(r).trim().split('\r\n');
    assert.equal(lines.length, 1 + r.points.length);
    assert.match(lines[0], /^n,runs A,runs B,mean A \(Mbit\/s; measured\)/);
    const first = lines[1].split(',');
    assert.equal(first[0], String(r.points[0].n));
    assert.equal(first[3], (r.points[0].aMeanBps! / 1e6).toFixed(6)); // a data file keeps every measured bit/s
    assert.equal(first[5], r.points[0].throughput!.value.toFixed(4));
  });

  it('HTML escapes labels and sentences; JSON is the CLI\'s', async () => {
    const r = await compareFolders(experimentDir, oneRunSweepsDir, { resamples: 500, fitDraws: 200 });
    const evil = { ...r, a: { ...r.a, label: '<script>alert(1)</script>' }, sentences: ['a & b <b>'] };
    const html = compareHtml(evil, { a: '/x/"a"', b: '/y' }, [], '2026-12-06');
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
    assert.ok(html.includes('a &#38; b &#60;b&#62;'));
    // only PNG data URLs become images
    assert.ok(!compareHtml(r, { a: 'a', b: 'b' }, [{ title: 't', dataUrl: 'javascript:alert(1)' }], 'x').includes('javascript:'));
    const cli = await runCli(['compare', experimentDir, oneRunSweepsDir, '--json', '--resamples', '500']);
    assert.equal(cli.code, 0, cli.err);
    const full = await compareFolders(experimentDir, oneRunSweepsDir, { resamples: 500 });
    assert.equal(compareJson(full, { a: experimentDir, b: oneRunSweepsDir }), cli.out);
  });

  it('an empty folder and a folder of non-logs are errors naming the folder (exit 2)', async () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    const r = await runCli(['compare', empty, oneRunSweepsDir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /empty: no runs/);
    const junk = path.join(root, 'junk');
    fs.mkdirSync(junk);
    fs.writeFileSync(path.join(junk, 'q3-t1.iperf.log'), '\u0000\u0001 not iperf');
    const j = await runCli(['compare', junk, oneRunSweepsDir]);
    assert.equal(j.code, 2);
    assert.match(j.err, /junk: no run with a measured throughput/);
  });
});
