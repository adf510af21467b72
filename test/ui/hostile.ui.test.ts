// UI test: a pcapng whose comments and interface name hold HTML and script shows them as text, runs nothing,
// and the webview makes no network request beyond the local server's own resources.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { Request } from 'playwright-core';
import { eth, ipv4, Ng, tcp } from '../unit/capture/builders';
import { useWorkbench } from './session';
import { activeWebview, quickOpen, screenshot } from './workbench';

const HOSTILE_COMMENT = '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>';
const HOSTILE_IFNAME = '<b onmouseover=alert(1)>eth0</b>';
/** A bidi override that would show "report.exe" as "reportexe.png", and a terminal escape: shown as escapes. */
const BIDI_COMMENT = 'report\u202egnp.exe\x1b[2J';
const FILE = 'hostile.pcapng';

function hostileCapture(): Buffer {
  const ng = new Ng(true);
  const packet = (sport: number): Buffer => eth(0x0800, ipv4('10.9.0.1', '10.9.0.2', 6, tcp(sport, 5201, 100)));
  return Buffer.concat([
    ng.shb(HOSTILE_COMMENT),
    ng.idb(1, { name: HOSTILE_IFNAME, comment: BIDI_COMMENT }),
    ...Array.from({ length: 20 }, (_, i) => ng.epb(0, 1_700_000_000_000_000n + BigInt(i) * 50_000n, packet(40000 + (i % 2)))),
  ]);
}

const requests: Request[] = [];
let workspace = '';
const wb = useWorkbench(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-hostile-'));
  fs.writeFileSync(path.join(workspace, FILE), hostileCapture());
  return workspace;
}, {}, (context) => context.on('request', (r) => requests.push(r)));
after(() => fs.rmSync(workspace, { recursive: true, force: true }));

test('HTML and script in pcapng comments and interface names are shown as text and never run', async () => {
  const page = wb.page;
  await quickOpen(page, FILE);
  const frame = activeWebview(page);
  await frame.locator('body[data-rendered="true"]').waitFor({ timeout: 60_000 });
  assert.equal(await frame.locator('p.comment').first().textContent(), HOSTILE_COMMENT, 'the comment is shown verbatim, as text');
  assert.equal(await frame.locator('p.comment').nth(1).textContent(), 'report\\u202egnp.exe\\x1b[2J', 'the override and ESC are shown as escapes');
  assert.match(await frame.locator('dl.summary').innerText(), new RegExp(HOSTILE_IFNAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const made = await frame.locator('img, b, script').evaluateAll((els) => els.map((e) => (e as unknown as { outerHTML: string }).outerHTML));
  // Only our nonce'd bundle and VS Code's own API shim may be scripts.
  assert.deepEqual(made.filter((h) => !h.startsWith('<script nonce=') && !h.startsWith('<script id="_vscodeApiScript"')), [], 'no element was made from the file');
  assert.equal(await frame.locator('body[data-pwned]').count(), 0, 'no script from the file ran');
  await screenshot(page, 'hostile-comments');
});

test('the webview makes no network request: everything it loads comes from the local VS Code server', async () => {
  const local = `http://127.0.0.1:${wb.server.port}`;
  const fromWebviews = requests.filter((r) => {
    try { return r.frame().url().includes('webview'); } catch { return false; }
  });
  assert.ok(fromWebviews.length > 0, 'the webview frames were seen loading their own resources');
  // vscode-resource URLs are answered by the webview's service worker from the extension's files, never the network.
  const outside: string[] = [];
  for (const r of fromWebviews) {
    const u = r.url();
    if (u.startsWith(local) || /^(data|blob):/.test(u)) continue;
    const served = (await r.response())?.fromServiceWorker() ?? false;
    if (!served || !u.includes('/extensions/queue-lens.queue-lens-')) outside.push(u);
  }
  assert.deepEqual(outside, [], 'no webview request leaves the local server');
  const fromFile = fromWebviews.map((r) => r.url()).filter((u) => /\/x(\?|$)/.test(u));
  assert.deepEqual(fromFile, [], 'the img src=x in the comment was never fetched');
});
