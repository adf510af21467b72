// The preset bound to 1..maxQueues once per settings change, and what it says about one flow.
// No vscode imports, so the label and table logic stays testable on its own.
import { compilePreset, CompiledPreset, FlowTuple, parseFlow, PresetName, PresetOptions, presetInfo, PresetInfo } from '../../core/hashing';
import { weightsText } from '../../core/analysis/odds/weightsText';
import { errorMessage } from '../../core/text';

export interface BoundPreset {
  info: PresetInfo;
  maxQueues: number;
  /** Index n − 1: the preset compiled for n queues, or why it cannot be (e.g. a table naming queue 7 at n = 4). */
  byN: ({ ok: true; compiled: CompiledPreset } | { ok: false; error: string })[];
}

export function bindPreset(preset: PresetName, opts: PresetOptions, maxQueues: number): BoundPreset {
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

/** The inline annotation after a connect line, e.g. "→ q3/8 · nic-rss-toeplitz". */
export function annotationLabel(at: QueueAtN, preset: string, bidirRole?: 'TX' | 'RX'): string {
  // --bidir logs: which of this host's streams it sent (TX) and which it received (RX)
  const dir = bidirRole ? `${bidirRole} ` : '';
  switch (at.kind) {
    case 'queue':
      return `${dir}→ q${at.queue}/${at.n} · ${preset}${at.exact ? '' : ' (seeded draw)'}`;
    case 'model':
      return `${dir}→ q?/${at.n} · ${preset} (model: ${weightsText(at.weights)} each)`;
    case 'error':
      return `${dir}→ q?/${at.n} · ${preset} (not computable, see hover)`;
  }
}
