import { el } from './dom';

/**
 * What the editor shows instead of a capture it cannot read: the reader's message (it names the file and the byte
 * offset), the format this editor expects, and how to see the file another way.
 */
export function errorView(message: string, capture: boolean): HTMLElement {
  if (!capture) {
    return el('section', { class: 'error-view', id: 'error', role: 'alert' },
      el('h1', {}, 'Queue Lens cannot show this'),
      el('p', { class: 'error-message' }, message));
  }
  const offset = /\(at byte offset (\d+)\)/.exec(message)?.[1];
  const gzip = /gzip/i.test(message);
  const steps = [
    'This editor reads packet captures: pcap or pcapng, plain or gzip-compressed (.gz), recognised by their first bytes, not their name.',
    ...(offset !== undefined ? [`Reading stopped at byte offset ${Number(offset).toLocaleString('en-US')} of the file${gzip ? ' (compressed bytes)' : ''}.`] : []),
    ...(gzip ? ['A gzip file that ends early was cut short while being copied or written: copy or compress it again.'] : []),
    'To look at the file itself: Command Palette → “View: Reopen Editor With…” → Text Editor (or a Hex Editor, if one is installed).',
    'If the file is still being written, this view reads it again when it changes on disk.',
  ];
  return el('section', { class: 'error-view', id: 'error', role: 'alert' },
    el('h1', {}, 'Queue Lens cannot show this file'),
    el('p', { class: 'error-message' }, message),
    el('h2', {}, 'What to do'),
    el('ul', {}, ...steps.map((t) => el('li', {}, t))));
}
