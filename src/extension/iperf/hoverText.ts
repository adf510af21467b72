// The hover's Markdown: the queue of one stream for every n, compact enough that 8 queues need no scrolling.
// Text from the log goes through escapeMarkdown (untrustedText, then Markdown escapes).
import type { FlowTuple } from '../../core/hashing';
import type { IperfStream } from '../../core/iperf';
import { endpointText, hex32, untrustedText } from '../../core/text';
import { BoundPreset, QueueAtN, queueAt } from './queueModel';
import { weightsText } from '../../core/analysis/odds/weightsText';

/** Columns per table: wider tables would scroll sideways in the hover. */
const COLUMNS = 16;

/** File text made safe by untrustedText (line breaks, controls, bidi marks as visible escapes), then Markdown
 * punctuation backslash-escaped so it renders as text. */
function escapeMarkdown(s: string): string {
  return untrustedText(s).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function cell(at: QueueAtN): string {
  return at.kind === 'queue' ? String(at.queue) : at.kind === 'model' ? '?' : '—';
}

function tables(all: QueueAtN[]): string[] {
  const hashes = new Set(all.flatMap((a) => (a.kind === 'queue' ? [a.hash] : [])));
  const model = all.some((a) => a.kind === 'model');
  const out: string[] = [];
  for (let i = 0; i < all.length; i += COLUMNS) {
    const part = all.slice(i, i + COLUMNS);
    out.push(`| n | ${part.map((a) => a.n).join(' | ')} |`, `|:--|${part.map(() => ':-:').join('|')}|`);
    // hover tables have no cell padding: code spans box the queues so the digits do not run together
    out.push(`| queue | ${part.map((a) => `\`${cell(a)}\``).join(' | ')} |`);
    // hashes do not depend on n for any preset today; show them per n only if one ever does
    if (hashes.size > 1) out.push(`| hash | ${part.map((a) => (a.kind === 'queue' ? `\`${hex32(a.hash)}\`` : '')).join(' | ')} |`);
    if (model) out.push(`| P(each queue) | ${part.map((a) => (a.kind === 'model' ? escapeMarkdown(weightsText(a.weights)) : '')).join(' | ')} |`);
    out.push('');
  }
  return out;
}

function errorLines(all: QueueAtN[]): string[] {
  const byError = new Map<string, number[]>();
  for (const a of all) if (a.kind === 'error') byError.set(a.error, [...(byError.get(a.error) ?? []), a.n]);
  return [...byError].map(([error, ns]) => `- n = ${ns.join(', ')}: ${escapeMarkdown(error)}`);
}

export function hoverMarkdown(stream: IperfStream, tuple: FlowTuple, bound: BoundPreset): string {
  const { info } = bound;
  const all: QueueAtN[] = [];
  for (let n = 1; n <= bound.maxQueues; n++) all.push(queueAt(bound, tuple, n));
  const hashes = new Set(all.flatMap((a) => (a.kind === 'queue' ? [a.hash] : [])));
  const seeded = !info.exact && hashes.size > 0;
  const kind = info.exact
    ? 'exact: the queue is a fixed function of the tuple'
    : seeded ? 'one seeded draw of a model' : 'a model: the queue is random per connection';
  const who = `stream ${stream.id}${stream.tag ? ` ${stream.tag}` : ''} · ${tuple.proto} ${endpointText(tuple.src)} → ${endpointText(tuple.dst)}`;
  // --bidir: say which way this stream's data went, as seen from the host that wrote the log
  const direction = stream.bidirRole === 'TX' ? 'TX: this host sent the data (its transmit queue)'
    : stream.bidirRole === 'RX' ? 'RX: this host received the data (the sender\'s transmit queue, this host\'s receive queue)' : undefined;
  const lines = [
    `**Queue Lens** · ${escapeMarkdown(who)}`,
    '',
    ...(direction ? [`--bidir ${escapeMarkdown(direction)}`, ''] : []),
    `\`${info.name}\` · ${escapeMarkdown(info.title)} · ${escapeMarkdown(kind)}`,
    '',
  ];
  if (hashes.size === 1) lines.push(`hash \`${hex32([...hashes][0])}\``, '');
  lines.push(...tables(all), ...errorLines(all));
  return lines.join('\n').trimEnd();
}
