// Every string the host sends may quote a file (interface names, pcapng comments, counter names, log lines, warnings):
// the page shows each through untrustedText, so none can reorder or hide the text around it, in the DOM, a chart's
// labels or a tooltip alike.
import { untrustedText } from '../core/text';

/** Tab and line feed stay: the page's own texts use them (the plan's commands) and HTML shows them as space. */
const KEPT = '\t\n';

/**
 * Rewrites, in place, every string of a message (values and keys of plain objects, array items) through
 * untrustedText. A posted message is the page's own structured clone, so changing it touches nothing else.
 */
export function neutraliseStrings<T>(message: T): T {
  return visit(message) as T;
}

function visit(v: unknown): unknown {
  if (typeof v === 'string') return untrustedText(v, KEPT);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'string' || (typeof x === 'object' && x !== null)) v[i] = visit(x);
    }
    return v;
  }
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const safeKey = untrustedText(key, KEPT);
      const value = visit(o[key]);
      if (safeKey !== key) delete o[key];
      o[safeKey] = value;
    }
  }
  return v;
}
