// untrustedText: every character class that can drive a terminal, reorder or hide text becomes a visible escape.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { untrustedText } from '../../../src/core/text';

const hex = (c: number, w: number): string => c.toString(16).padStart(w, '0');
const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];

describe('untrustedText', () => {
  it('writes each C0 control as \\xHH', () => {
    for (let c = 0; c < 0x20; c++) assert.equal(untrustedText(`a${String.fromCharCode(c)}b`), `a\\x${hex(c, 2)}b`, `U+${hex(c, 4)}`);
    assert.equal(untrustedText('\x1b[2J\x1b]8;;http://x\x07link\x1b]8;;\x07'), '\\x1b[2J\\x1b]8;;http://x\\x07link\\x1b]8;;\\x07');
  });

  it('writes DEL and each C1 control as \\u00HH', () => {
    assert.equal(untrustedText('\x7f'), '\\u007f');
    for (let c = 0x80; c <= 0x9f; c++) assert.equal(untrustedText(String.fromCharCode(c)), `\\u00${hex(c, 2)}`, `U+${hex(c, 4)}`);
  });

  it('writes the bidirectional marks, embeddings, overrides and isolates as \\uHHHH', () => {
    for (const c of BIDI) assert.equal(untrustedText(`x${String.fromCharCode(c)}y`), `x\\u${hex(c, 4)}y`, `U+${hex(c, 4)}`);
    // the classic "Trojan Source" file name: exe reversed to look like a text file
    assert.equal(untrustedText('invoice\u202etxt.exe'), 'invoice\\u202etxt.exe');
  });

  it('writes the line and paragraph separators U+2028/2029 as \\uHHHH', () => {
    assert.equal(untrustedText('a\u2028b\u2029c'), 'a\\u2028b\\u2029c');
  });

  it('changes exactly those characters, over the whole Basic Multilingual Plane', () => {
    const unsafe = (c: number): boolean => c < 0x20 || (c >= 0x7f && c <= 0x9f) || BIDI.includes(c) || c === 0x2028 || c === 0x2029;
    let changed = 0;
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCharCode(c);
      const out = untrustedText(s);
      if (unsafe(c)) {
        changed++;
        assert.ok(/^\\(x[0-9a-f]{2}|u[0-9a-f]{4})$/.test(out), `U+${hex(c, 4)} → ${out}`);
      } else {
        assert.equal(out, s, `U+${hex(c, 4)} is left alone`);
      }
    }
    assert.equal(changed, 32 + 1 + 32 + BIDI.length + 2);
    // outside the BMP too: an emoji stays
    assert.equal(untrustedText('q0 \u{1F600}'), 'q0 \u{1F600}');
  });

  it('keeps what the caller keeps, and nothing else', () => {
    assert.equal(untrustedText('a\tb\nc\r', '\t\n'), 'a\tb\nc\\x0d');
    assert.equal(untrustedText('a\tb\nc'), 'a\\x09b\\x0ac');
    assert.equal(untrustedText('\u202e', '\t\n'), '\\u202e');
  });

  it('changes nothing the second time, so layers may each apply it', () => {
    const once = untrustedText('eth\u202e0\x1b[31m\x9b\u2066');
    assert.equal(untrustedText(once), once);
  });

  it('keeps JSON text valid JSON and its strings as they were', () => {
    const original = { name: 'eth\u202e0\x7f\x85\u2028', comment: 'a\x1bb' };
    const shown = untrustedText(JSON.stringify(original), '\n');
    assert.ok(!/[\u007f-\u009f\u202e\u2028]/.test(shown));
    assert.deepEqual(JSON.parse(shown), original);
  });
});
