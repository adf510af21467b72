// Log text quoted back to a person (warnings, CLI output) must not drive their terminal.

/**
 * Control characters shown, not obeyed: ESC, OSC 8 links, BEL and C1 codes cannot retitle, clear or link a
 * terminal. C0 and DEL become \xHH; C1 (U+0080..U+009F) becomes \u00HH, which also keeps JSON text valid JSON
 * (JSON.stringify already escapes C0). Tab and line feed stay.
 */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    const hex = code.toString(16).padStart(2, '0');
    return code >= 0x7f ? `\\u00${hex}` : `\\x${hex}`;
  });
}
