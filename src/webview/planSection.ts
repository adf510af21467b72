// Plan Source Ports: the assumptions (preset, Toeplitz key, table, addresses), then each choice of ports as a
// table of port → queue with its iperf command lines, each with a copy button (the host writes the clipboard).
import type { PlanView } from '../shared/protocol';
import { el } from './dom';
import { send } from './vscodeApi';

function copyButton(text: string, label: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'copy', title: `Copy ${label}`, 'aria-label': `Copy ${label}` }, 'Copy');
  b.addEventListener('click', () => {
    send({ type: 'copy', text });
    b.textContent = 'Copied';
    setTimeout(() => { b.textContent = 'Copy'; }, 1500);
  });
  return b;
}

function commandBlock(lines: string[], label: string): HTMLElement {
  const text = lines.join('\n');
  return el('div', { class: 'command' }, el('pre', {}, el('code', {}, text)), copyButton(text, label));
}

function choiceSection(c: PlanView['choices'][number], i: number): HTMLElement {
  const rows = c.rows.map((r) => el('tr', {}, el('td', { class: 'num' }, String(r.port)), el('td', { class: 'num' }, `q${r.queue}`)));
  return el('section', { class: 'plan-choice', 'aria-label': c.title },
    el('h2', {}, c.title),
    el('table', { class: 'numbers plan-ports' },
      el('caption', {}, `Flows per queue: ${c.loads.join(' / ')}`),
      el('thead', {}, el('tr', {}, el('th', {}, 'client port'), el('th', {}, 'queue'))),
      el('tbody', {}, ...rows)),
    commandBlock(c.commands, `the command lines of choice ${i + 1}`));
}

export function planSection(p: PlanView): HTMLElement[] {
  const facts: Array<[string, string]> = [
    ['Preset', p.preset],
    ['Toeplitz key', p.key.source],
    ['Indirection table', p.table],
    ['Run', p.run],
    ['Addresses', p.addressesFrom],
  ];
  const dl = el('dl', { class: 'plan-facts' }, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  return [
    el('h1', {}, p.title),
    dl,
    ...(p.key.hex ? [el('p', { class: 'muted plan-key' }, el('code', {}, p.key.hex))] : []),
    ...p.notes.map((n) => el('p', { class: 'warning' }, n)),
    ...p.choices.map(choiceSection),
    el('h2', {}, 'The same plan from the command line'),
    commandBlock([p.cli], 'the queue-lens command'),
  ];
}
