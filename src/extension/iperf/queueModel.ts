// The preset bound to 1..maxQueues once per settings change, and what it says about one flow.
// No vscode imports, so the label and table logic stays testable on its own.
import { compilePreset, CompiledPreset, FlowTuple, parseFlow, PresetOptions, presetInfo, PresetInfo } from '../../core/hashing';
import { maxOf, minOf } from '../../core/analysis/stats/extremes';
import { errorMessage } from '../../core/text';

export interface BoundPreset {
  info: PresetInfo;
  maxQueues: number;
  /** Index n − 1: the preset compiled for n queues, or why it cannot be (e.g. a table naming queue 7 at n = 4). */
  byN: ({ ok: true; compiled: CompiledPreset } | { ok: false; error: string })[];
}

export function bindPreset(preset: string, opts: PresetOptions, maxQueues: number): BoundPreset {
  const byN: BoundPreset['byN'] = [];
  for (let n = 1; n <= maxQueues; n++) {
    try {
      byN.push({ ok: true, compiled: compilePreset(preset, n, opts) });
    } catch (e) {
      byN.push({ ok: false, error: errorMessage(e) });
    }
  }
  return { info: presetInfo(preset), maxQueues, byN };
}

/** One flow at one n: its queue when the preset determines it, else the queue weights of the model. */
export type QueueAtN =
  | { n: number; kind: 'queue'; hash: number; queue: number; exact: boolean }
  | { n: number; kind: 'model'; weights: number[] }
  | { n: number; kind: 'error'; error: string };

export function queueAt(bound: BoundPreset, tuple: FlowTuple, n: number): QueueAtN {
  const slot = bound.byN[n - 1];
  if (!slot) return { n, kind: 'error', error: `n = ${n} is outside 1..${bound.maxQueues}` };
  if (!slot.ok) return { n, kind: 'error', error: slot.error };
  const c = slot.compiled;
  if (!c.flowQueue) return { n, kind: 'model', weights: c.weights };
  try {
    const { hash, queue } = c.flowQueue(parseFlow(tuple));
    return { n, kind: 'queue', hash, queue, exact: c.exact };
  } catch (e) {
    return { n, kind: 'error', error: errorMessage(e) };
  }
}

/** "1/8 each" when the model is uniform to a part in a million, else the spread of the weights. */
function describeWeights(weights: readonly number[]): string {
  const n = weights.length;
  const lo = minOf(weights);
  const hi = maxOf(weights);
  if (hi - lo < 1e-6) return `≈1/${n} each`;
  return `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)} % each`;
}

/** The inline annotation after a connect line, e.g. "→ q3/8 · nic-rss-toeplitz". */
export function annotationLabel(at: QueueAtN, preset: string, bidirRole?: 'TX' | 'RX'): string {
  // --bidir logs: which of this host's streams it sent (TX) and which it received (RX)
  const dir = bidirRole ? `${bidirRole} ` : '';
  switch (at.kind) {
    case 'queue':
      return `${dir}→ q${at.queue}/${at.n} · ${preset}${at.exact ? '' : ' (seeded draw)'}`;
    case 'model':
      return `${dir}→ q?/${at.n} · ${preset} (model: ${describeWeights(at.weights)})`;
    case 'error':
      return `${dir}→ q?/${at.n} · ${preset} (not computable, see hover)`;
  }
}
