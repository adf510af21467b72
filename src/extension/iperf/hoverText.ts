// The hover's Markdown: the queue of one stream for every n. Text from the log goes through escapeMarkdown.
import type { FlowTuple } from '../../core/hashing';
import type { IperfStream } from '../../core/iperf';
import { BoundPreset, describeWeights, hex32, queueAt } from './queueModel';

/** Backslash-escapes Markdown punctuation (and flattens line breaks) so file text renders as text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

function endpoint(e: { ip: string; port: number }): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

export function hoverMarkdown(stream: IperfStream, tuple: FlowTuple, bound: BoundPreset): string {
  const { info } = bound;
  const who = `stream ${stream.id}${stream.tag ? ` ${stream.tag}` : ''}, ${tuple.proto} ${endpoint(tuple.src)} → ${endpoint(tuple.dst)}`;
  const kind = info.exact ? 'exact: the queue is a fixed function of the tuple' : 'a model: the queue is random per connection';
  const lines = [
    `**Queue Lens** — ${escapeMarkdown(who)}`,
    '',
    `${escapeMarkdown(info.title)} (\`${info.name}\`), ${escapeMarkdown(kind)}`,
    '',
  ];
  const rows: string[] = [];
  let model = false;
  for (let n = 1; n <= bound.maxQueues; n++) {
    const at = queueAt(bound, tuple, n);
    if (at.kind === 'queue') rows.push(`| ${n} | ${at.queue} | \`${hex32(at.hash)}\` |`);
    else if (at.kind === 'model') { model = true; rows.push(`| ${n} | ? | ${escapeMarkdown(describeWeights(at.weights))} |`); }
    else rows.push(`| ${n} | — | ${escapeMarkdown(at.error)} |`);
  }
  lines.push(model ? '| n | queue | P(each queue) |' : '| n | queue | hash |', '|--:|--:|:--|', ...rows);
  return lines.join('\n');
}
