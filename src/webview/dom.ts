import { untrustedText } from '../core/text';

/** Tab and line feed stay: the page's own texts use them (the plan's commands), and HTML shows them as space. */
const KEPT = '\t\n';

/**
 * Text as the page shows it: file text (comments, interface names, counter names, log lines) may hold controls or
 * bidirectional overrides, which untrustedText turns into visible escapes so they cannot reorder or hide the page.
 */
export function shown(text: string): string {
  return untrustedText(text, KEPT);
}

/**
 * Element builder that only ever sets text through textContent, and every text and attribute through `shown`:
 * strings from a capture (comments, interface names) can never become markup nor reorder what is around them.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, shown(v));
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(shown(c)) : c);
  return e;
}
