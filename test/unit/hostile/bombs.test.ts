// Issue 12, finding 2: small files that made the analysis hold gigabytes. Each bomb is built in memory at a scale that
// runs in seconds but is past every cap, and the test asserts what was kept (counts) and that the report stays small
// (its JSON size), not how long it took.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { analyseCaptures } from '../../../src/core/flows';
import {
  MAX_COMMENT_BYTES, MAX_COMMENT_TOTAL, MAX_COMMENTS, MAX_LISTED_INTERFACES, MAX_NAME_BYTES, MAX_SECTION_INTERFACES,
} from '../../../src/core/capture/pcapng';
import { MAX_WARNING_MESSAGES, WarningLog } from '../../../src/core/capture/warnings';
import { commentBomb, interfaceBomb, interfaceFlood, warningBomb, writeManyFlowsPcap } from '../../fuzz/bombs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-bomb-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
function write(name: string, bytes: Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}
const jsonSize = (x: unknown): number => JSON.stringify(x).length;

describe('capture bombs', () => {
  it('interfaces with 64 KiB names (.pcapng.gz): names cut, list capped, one packet still counted', async () => {
    const count = MAX_LISTED_INTERFACES + 300;
    const raw = interfaceBomb(count, 65532);
    const file = write('ifaces.pcapng.gz', zlib.gzipSync(raw, { level: 1 }));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, 1);
    assert.equal(r.flows.length, 1);
    assert.equal(r.interfaces.length, MAX_LISTED_INTERFACES);
    for (const i of r.interfaces) assert.equal(Buffer.byteLength(i.name), MAX_NAME_BYTES);
    assert.ok(r.warnings.some((w) => w.includes(`${MAX_LISTED_INTERFACES} interface names longer than ${MAX_NAME_BYTES} bytes`)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => w.includes(`300 interfaces beyond the first ${MAX_LISTED_INTERFACES} not listed`)), r.warnings.join('\n'));
    // The names alone were 88 MB; what is kept is the capped list.
    assert.ok(raw.length > 80e6);
    assert.ok(jsonSize(r) < 2 * MAX_LISTED_INTERFACES * MAX_NAME_BYTES, `report is ${jsonSize(r)} characters`);
  });

  it(`more than ${MAX_SECTION_INTERFACES} interfaces in a section: reading stops there with a warning, the packet before it counted`, async () => {
    const file = write('flood.pcapng', interfaceFlood(MAX_SECTION_INTERFACES + 5));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, 1);
    assert.ok(r.warnings.some((w) => /stopped reading at byte offset \d+: more than 65536 interfaces in one section/.test(w)), r.warnings.join('\n'));
  });

  it('200 000 warnings: the first 100 kept word for word, the rest counted in one summarising warning', async () => {
    const n = 200_000;
    const file = write('warnings.pcapng.gz', zlib.gzipSync(warningBomb(n), { level: 1 }));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, n);
    assert.equal(r.warnings.length, MAX_WARNING_MESSAGES + 1);
    assert.match(r.warnings[0], /option 2 overruns its block \(at byte offset \d+\)/);
    const last = r.warnings[MAX_WARNING_MESSAGES];
    assert.match(last, new RegExp(`^${n - MAX_WARNING_MESSAGES} further warnings not listed \\(only the first ${MAX_WARNING_MESSAGES} are kept\\): ${n - MAX_WARNING_MESSAGES} × "`));
    assert.ok(jsonSize(r.warnings) < 30_000, `warnings are ${jsonSize(r.warnings)} characters`);
  });

  it('the analysis\'s own warnings (the flow cap) come after the bounded file warnings and are never summarised away', async () => {
    const bomb = write('w.pcapng', warningBomb(500));
    const flows = path.join(dir, 'flows.pcap');
    writeManyFlowsPcap(flows, 50);
    const r = await analyseCaptures([bomb, flows], { maxFlows: 10 });
    // 100 kept, the summary, then the analysis's: the bins (the two files are 11 days apart) and the flow cap.
    assert.equal(r.warnings.length, MAX_WARNING_MESSAGES + 3);
    assert.match(r.warnings[MAX_WARNING_MESSAGES], /^400 further warnings not listed/);
    assert.match(r.warnings[MAX_WARNING_MESSAGES + 1], /^Packets more than \d+ bins after the first/);
    assert.match(r.warnings[MAX_WARNING_MESSAGES + 2], /^41 flows beyond the 10 with the most packets were added up into "other flows"/);
  });

  it('megabytes of comments: at most MAX_COMMENTS, each and all together capped, the rest counted', async () => {
    const count = 1500;
    const bytes = 16_000;
    const file = write('comments.pcapng.gz', zlib.gzipSync(commentBomb(count, bytes), { level: 1 }));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, count);
    const kept = Math.min(MAX_COMMENTS, Math.floor(MAX_COMMENT_TOTAL / MAX_COMMENT_BYTES));
    assert.equal(r.comments.length, kept);
    for (const c of r.comments) assert.ok(c.startsWith('c'.repeat(MAX_COMMENT_BYTES)) && c.endsWith(`(${bytes - MAX_COMMENT_BYTES} more bytes not kept)`));
    const droppedBytes = count * bytes - kept * MAX_COMMENT_BYTES;
    assert.ok(r.warnings.some((w) => w.includes(`${count - kept} comments and ${droppedBytes} comment bytes not kept`)), r.warnings.join('\n'));
    assert.ok(jsonSize(r) < MAX_COMMENT_TOTAL + 100_000, `report is ${jsonSize(r)} characters`);
  });
});

describe('WarningLog', () => {
  it('counts kinds separately and merges logs without keeping more than the limit', () => {
    const a = new WarningLog(3);
    for (let i = 0; i < 10; i++) a.push(`f: option ${i} overruns its block (at byte offset ${i * 4})`);
    a.push('f: cut short');
    const b = new WarningLog(3);
    b.absorb(a);
    b.push('g: another');
    assert.equal(b.total, 12);
    const out = b.toArray();
    assert.equal(out.length, 4);
    assert.deepEqual(out.slice(0, 3), ['f: option 0 overruns its block (at byte offset 0)', 'f: option 1 overruns its block (at byte offset 4)', 'f: option 2 overruns its block (at byte offset 8)']);
    assert.equal(out[3], '9 further warnings not listed (only the first 3 are kept): 7 × "f: option # overruns its block (at byte offset #)"; 1 × "f: cut short"; 1 × "g: another".');
  });
});
