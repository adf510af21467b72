import type { SpreadResult } from '../../core/export/model';
import { flowLabel } from '../../core/export/format';
import { presetInfo } from '../../core/hashing';
import type { SpreadView } from '../../shared/protocol';

/** The queue view of a spread: the core result as is, with the flows as labels. */
export function spreadView(r: SpreadResult): SpreadView {
  return {
    ...r.spread,
    title: r.title,
    presetTitle: presetInfo(r.spread.preset).title,
    flows: r.flows.map((f) => flowLabel(f.tuple)),
    note: r.note,
    problems: r.problems,
  };
}
