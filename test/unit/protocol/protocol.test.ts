import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWebviewMessage } from '../../../src/shared/protocol';

test('valid webview messages pass, reduced to their known fields', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: '<script>' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'cancel' }), { type: 'cancel' });
  assert.deepEqual(parseWebviewMessage({ type: 'rendered', points: 45 }), { type: 'rendered', points: 45 });
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  assert.deepEqual(parseWebviewMessage({ type: 'images', requestId: 3, images: [{ title: 'c', dataUrl: png }] }),
    { type: 'images', requestId: 3, images: [{ title: 'c', dataUrl: png }] });
});

test('anything else from the webview is rejected', () => {
  const bad: unknown[] = [
    null, undefined, 'ready', 42, [], {}, { type: 'exec', command: 'rm -rf /' }, { type: '__proto__' },
    { type: 'rendered', points: -1 }, { type: 'rendered', points: 1.5 }, { type: 'rendered', points: '3' },
    { type: 'images', requestId: 1, images: [{ title: 't', dataUrl: 'javascript:alert(1)' }] },
    { type: 'images', requestId: 1, images: [{ title: 't', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }] },
    { type: 'images', requestId: 'x', images: [] },
    { type: 'images', requestId: 1, images: new Array(33).fill({ title: 't', dataUrl: 'data:image/png;base64,AA==' }) },
    { type: 'images', requestId: 1, images: [{ title: 'x'.repeat(501), dataUrl: 'data:image/png;base64,AA==' }] },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m) ?? String(m));
});
