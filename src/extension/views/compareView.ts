import type { CompareReport } from '../../core/analysis/compare/compareModel';
import type { CompareView } from '../../shared/protocol';

/** Compare Two Run Sets as the webview draws it: the core report, its title and the two folders, paths made relative. */
export function compareView(r: CompareReport, dirs: { a: string; b: string }, relative: (text: string) => string = (t) => t): CompareView {
  return {
    ...r,
    title: `${r.b.label} against ${r.a.label}`,
    dirs: { a: relative(dirs.a), b: relative(dirs.b) },
    warnings: r.warnings.map(relative),
  };
}
