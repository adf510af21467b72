// Text read from a file (interface names, comments, log lines, counter names) shown to a person: it must stay
// readable and must not drive a terminal, reorder the text around it or hide part of it.

/**
 * C0 controls, DEL, C1 controls, the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 * U+202A–202E, U+2066–2069) and the line/paragraph separators U+2028/2029.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * `s` with every unsafe character written as a visible escape: C0 as `\x1b`, DEL and C1 as `\u009b` (so JSON text
 * stays valid JSON), the rest as `\u202e`. `keep` lists the characters the caller leaves alone (the CLI keeps tab
 * and line feed, which its own output is made of). Escaping twice changes nothing.
 */
export function untrustedText(s: string, keep = ''): string {
  return s.replace(UNSAFE, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
