import { el } from './dom';

export interface Column<T> {
  title: string;
  cell: (row: T) => string;
  /** Sort key; numeric columns sort numerically. */
  key: (row: T) => number | string;
  numeric?: boolean;
}

const ROW_HEIGHT = 22;
const VISIBLE_ROWS = 18;

/**
 * A sortable, filterable table that only puts the rows in view into the DOM, so 100 k flows
 * scroll smoothly. Every cell is text (textContent), never markup.
 */
export function virtualTable<T>(caption: string, rows: T[], columns: Column<T>[]): HTMLElement {
  let view = rows;
  let sortCol = -1;
  let ascending = true;
  const filter = el('input', { type: 'search', placeholder: 'Filter flows (address, port, protocol)', 'aria-label': `Filter ${caption}` });
  const count = el('span', { class: 'count' });
  const headRow = el('tr', {});
  const body = el('tbody', {});
  const table = el('table', { class: 'flows' }, el('thead', {}, headRow), body);
  const spacer = el('div', { class: 'spacer' });
  const scroller = el('div', { class: 'scroller', tabindex: '0' }, spacer, table);
  scroller.style.height = `${ROW_HEIGHT * (VISIBLE_ROWS + 1.5)}px`;

  const render = (): void => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT));
    const slice = view.slice(first, first + VISIBLE_ROWS + 2);
    body.replaceChildren(...slice.map((r) => el('tr', {}, ...columns.map((c) => el('td', c.numeric ? { class: 'num' } : {}, c.cell(r))))));
    table.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
  };
  const refresh = (): void => {
    const q = filter.value.trim().toLowerCase();
    view = q ? rows.filter((r) => columns.some((c) => c.cell(r).toLowerCase().includes(q))) : [...rows];
    if (sortCol >= 0) {
      const c = columns[sortCol];
      view.sort((a, b) => {
        const x = c.key(a);
        const y = c.key(b);
        const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return ascending ? d : -d;
      });
    }
    spacer.style.height = `${view.length * ROW_HEIGHT}px`;
    count.textContent = `${view.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} flows`;
    render();
  };
  columns.forEach((c, i) => {
    const th = el('th', { scope: 'col', tabindex: '0', 'aria-sort': 'none' }, c.title);
    const sort = (): void => {
      ascending = sortCol === i ? !ascending : true;
      sortCol = i;
      for (const other of headRow.children) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      refresh();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sort(); });
    headRow.append(th);
  });
  filter.addEventListener('input', refresh);
  scroller.addEventListener('scroll', render, { passive: true });
  refresh();
  return el('section', { class: 'table-section' }, el('h2', {}, caption), el('div', { class: 'toolbar' }, filter, count), scroller);
}
