import type { SweepResult } from '../../core/export/model';
import type { SweepView } from '../../shared/protocol';

/** Compare Queue Counts as the webview draws it: the core sweep report, with the folder's name and every warning. */
export function sweepView(r: SweepResult): SweepView {
  return { ...r.report, title: r.title, warnings: r.warnings };
}
