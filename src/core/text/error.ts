/** The message of anything thrown. The one place that asks `instanceof Error` for it (lint rejects inline copies). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
