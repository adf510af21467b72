// The iperf hover quotes the log (a stream's tag) and errors that may quote a settings file: untrustedText first,
// then Markdown escapes, so neither can reorder the hover or turn into markup.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IperfStream } from '../../../src/core/iperf';
import { presetInfo } from '../../../src/core/hashing';
import { hoverMarkdown } from '../../../src/extension/iperf/hoverText';
import type { BoundPreset } from '../../../src/extension/iperf/queueModel';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('hover text', () => {
  it('shows file text with controls and bidi marks as visible escapes, Markdown-escaped', () => {
    const stream = { id: 5, tag: 'TX-C\u202e**x**\x1b[2J' } as unknown as IperfStream;
    const tuple = { proto: 'tcp' as const, src: { ip: '10.0.0.1', port: 40000 }, dst: { ip: '10.0.0.2', port: 5201 } };
    const bound: BoundPreset = { info: presetInfo('linux-tx'), maxQueues: 2, byN: [
      { ok: false, error: "table.txt\u2066: entry 'q\u202e9' is not a queue" }, { ok: false, error: "table.txt\u2066: entry 'q\u202e9' is not a queue" },
    ] };
    const md = hoverMarkdown(stream, tuple, bound);
    assert.ok(!RAW.test(md), JSON.stringify(md));
    assert.ok(md.includes('stream 5 TX\\-C\\\\u202e\\*\\*x\\*\\*\\\\x1b\\[2J'), md);
    assert.ok(md.includes("- n = 1, 2: table\\.txt\\\\u2066: entry 'q\\\\u202e9' is not a queue"), md);
  });
});
