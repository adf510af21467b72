// A capture whose interface names and comments hold terminal escapes and bidirectional overrides, end to end: the
// real `queue-lens flows` (text and --json, through the CLI's own output) and the HTML export show them as visible
// escapes, never as the characters themselves.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { analyseCaptures } from '../../../src/core/flows';
import { htmlReport } from '../../../src/core/export/htmlReport';
import { cat, eth, ipv4, Ng, tcp, writeTemp } from '../capture/builders';

/** Every character untrustedText neutralises (tab and line feed aside, which the CLI's own lines are made of). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

// A name that reverses what follows it and clears the screen; a comment with an OSC 8 link, C1 CSI, an isolate and
// a line separator; a second interface (a link type nobody decodes) whose name the reader's warning quotes.
const NAME = 'eth\u202e0gnp.exe\x1b[2J';
const COMMENT = 'see \x1b]8;;http://evil.example\x07here\x1b]8;;\x07 \x9b31m\u2066hidden\u2069\u2028end\x7f';
const SHB_COMMENT = 'captured by \u200fmallory\u061c';
const OTHER_NAME = 'usb\u202d0\x1b[8m';

let file: string;

function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const main = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

before(() => {
  const ng = new Ng();
  const packet = eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(40000, 5201, 100)));
  file = writeTemp('hostile-names.pcapng', cat(
    ng.shb(SHB_COMMENT),
    ng.idb(1, { name: NAME, comment: COMMENT }),
    ng.idb(147, { name: OTHER_NAME }), // LINKTYPE_USER0: no decoder, so the warning names the interface
    ng.epb(0, 1_000_000n, packet, { comment: COMMENT }),
    ng.epb(1, 1_100_000n, Buffer.from('opaque user frame')),
  ));
});

describe('file text with controls and bidi overrides', () => {
  it('the reader keeps it verbatim (escaping is for showing, not for the model)', async () => {
    const r = await analyseCaptures([file]);
    assert.deepEqual(r.interfaces.map((i) => i.name), [NAME, OTHER_NAME]);
    assert.ok(r.comments.includes(COMMENT) && r.comments.includes(SHB_COMMENT), JSON.stringify(r.comments));
    assert.ok(r.warnings.some((w) => w.includes(OTHER_NAME)), 'the warning quotes the interface name');
  });

  it('queue-lens flows prints it as visible escapes', async () => {
    const r = await runCli(['flows', file]);
    assert.equal(r.code, 0, r.err);
    assert.ok(!RAW.test(r.out), `raw control or bidi character in: ${JSON.stringify(r.out)}`);
    assert.ok(!RAW.test(r.err), `raw control or bidi character in: ${JSON.stringify(r.err)}`);
    assert.match(r.out, /^warning: .*\(usb\\u202d0\\x1b\[8m\) with link type/m);
    assert.match(r.out, /^tcp +10\.0\.0\.1:40000 +10\.0\.0\.2:5201 /m);
  });

  it('queue-lens flows --json is valid JSON whose strings are the file\'s own', async () => {
    const r = await runCli(['flows', file, '--json']);
    assert.equal(r.code, 0, r.err);
    assert.ok(!RAW.test(r.out), `raw control or bidi character in: ${JSON.stringify(r.out)}`);
    assert.ok(r.out.includes('(usb\\u202d0\\u001b[8m)'), 'the override and ESC show as escapes');
    const j = JSON.parse(r.out) as { warnings: string[] };
    assert.deepEqual(j.warnings, (await analyseCaptures([file])).warnings, 'a JSON reader gets the text back as it was');
  });

  it('the HTML export shows it as escapes inside escaped markup', async () => {
    const capture = await analyseCaptures([file]);
    const html = htmlReport({ model: { name: `x${NAME}.pcapng`, capture }, images: [], generated: 'now' });
    assert.ok(!RAW.test(html.replace(/\n/g, '')), 'no raw control or bidi character');
    assert.ok(html.includes('<p class="comment">see \\x1b]8;;http://evil.example\\x07here\\x1b]8;;\\x07 \\u009b31m\\u2066hidden\\u2069\\u2028end\\u007f</p>'), html);
    assert.ok(html.includes('<p class="comment">captured by \\u200fmallory\\u061c</p>'));
    assert.ok(html.includes('<h1>xeth\\u202e0gnp.exe\\x1b[2J.pcapng</h1>'));
    assert.ok(html.includes('(usb\\u202d0\\x1b[8m)'), 'the warning quoting the interface name');
  });
});
