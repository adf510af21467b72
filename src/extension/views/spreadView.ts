import type { SpreadResult } from '../../core/export/model';
import { endpointText, flowLabel } from '../../core/text';
import { presetInfo } from '../../core/hashing';
import type { SpreadView } from '../../shared/protocol';

/** The queue view of a spread: the core result as is, with the flows as labels (a tunnelled one by its inner flow). */
export function spreadView(r: SpreadResult): SpreadView {
  return {
    ...r.spread,
    title: r.title,
    presetTitle: presetInfo(r.spread.preset).title,
    flows: r.flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple)),
    via: r.flows.map((f) => (f.inner ? `via ${f.inner.tunnel} ${endpointText(f.tuple.src)} → ${endpointText(f.tuple.dst)}` : '')),
    note: r.note,
    problems: r.problems,
  };
}
