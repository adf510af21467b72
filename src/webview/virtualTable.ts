import { el } from './dom';

export interface Column<T> {
  title: string;
  cell: (row: T) => string;
  /** Sort key; numeric columns sort numerically. */
  key: (row: T) => number | string;
  numeric?: boolean;
  /** The column's one-line explanation, shown on hover. */
  help?: string;
}

export interface TableOptions<T> {
  /** The column the table opens sorted by, and the direction. */
  sort?: { column: number; ascending: boolean };
  /** Index in `rows` of the row this one is nested under (-1: top level): nested rows follow their parent. */
  parent?: (row: T, index: number) => number;
}

const ROW_HEIGHT = 22;
const VISIBLE_ROWS = 18;
const ARROW = { ascending: ' ▲', descending: ' ▼', none: ' ↕' } as const;

/** How deep each row is nested (0: top level), following `parents` at most 8 levels up. */
function nestingDepths(parents: number[]): number[] {
  return parents.map((_, i) => { let d = 0; for (let p = parents[i]; p >= 0 && d < 8; p = parents[p]) d++; return d; });
}

/** Rows by one column (numbers numerically, the rest as text); `column` < 0 keeps their order. */
function comparator<T>(columns: Column<T>[], column: number, ascending: boolean): (a: T, b: T) => number {
  return (a, b) => {
    if (column < 0) return 0;
    const c = columns[column];
    const x = c.key(a);
    const y = c.key(b);
    const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return ascending ? d : -d;
  };
}

/** Top-level rows sorted, each followed by its nested rows (sorted the same way). */
function nestedOrder<T>(rows: T[], parents: number[], indexOf: Map<T, number>, compare: (a: T, b: T) => number): T[] {
  const children = new Map<number, T[]>();
  rows.forEach((r, i) => { const p = parents[i]; if (p >= 0) children.set(p, [...(children.get(p) ?? []), r]); });
  const out: T[] = [];
  const visit = (r: T): void => {
    out.push(r);
    for (const c of [...(children.get(indexOf.get(r)!) ?? [])].sort(compare)) visit(c);
  };
  rows.filter((_, i) => parents[i] < 0).sort(compare).forEach(visit);
  return out;
}

/** One row's cells as text; a nested row's first cell is indented under its parent. */
function rowElement<T>(r: T, depth: number, columns: Column<T>[]): HTMLElement {
  return el('tr', depth > 0 ? { class: 'nested', 'aria-level': String(depth + 1) } : {},
    ...columns.map((c, ci) => el('td', c.numeric ? { class: 'num' } : {}, ci === 0 && depth > 0 ? `${'\u2003'.repeat(depth - 1)}↳ ${c.cell(r)}` : c.cell(r))));
}

/** The column heads with their sort arrows; `show` marks the sorted one. */
function sortableHeads<T>(columns: Column<T>[]): { heads: { th: HTMLElement; arrow: HTMLElement }[]; show(column: number, ascending: boolean): void } {
  const heads = columns.map((c) => {
    const arrow = el('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, ARROW.none);
    return { th: el('th', { scope: 'col', tabindex: '0', 'aria-sort': 'none', ...(c.help ? { title: c.help } : {}) }, c.title, arrow), arrow };
  });
  const show = (column: number, ascending: boolean): void => heads.forEach(({ th, arrow }, i) => {
    const state = i === column ? (ascending ? 'ascending' : 'descending') : 'none';
    th.setAttribute('aria-sort', state);
    arrow.textContent = ARROW[state];
  });
  return { heads, show };
}

/**
 * A sortable, filterable table that only puts the rows in view into the DOM, so 100 k flows
 * scroll smoothly. Every cell is text (textContent), never markup. Nested rows (a tunnel's inner flow under its
 * carrier) stay under their parent whatever the sort; a filter shows matching rows flat.
 */
export function virtualTable<T>(caption: string, rows: T[], columns: Column<T>[], options: TableOptions<T> = {}): HTMLElement {
  let view = rows;
  let sortCol = options.sort?.column ?? -1;
  let ascending = options.sort?.ascending ?? true;
  const parents = rows.map((r, i) => options.parent?.(r, i) ?? -1);
  const depth = nestingDepths(parents);
  const filter = el('input', { type: 'search', placeholder: 'Filter flows (address, port, protocol)', 'aria-label': `Filter ${caption}` });
  const count = el('span', { class: 'count' });
  const headRow = el('tr', {});
  const body = el('tbody', {});
  const table = el('table', { class: 'flows' }, el('thead', {}, headRow), body);
  const spacer = el('div', { class: 'spacer' });
  const scroller = el('div', { class: 'scroller', tabindex: '0' }, spacer, table);
  scroller.style.height = `${ROW_HEIGHT * (VISIBLE_ROWS + 1.5)}px`;
  const indexOf = new Map(rows.map((r, i) => [r, i]));

  const render = (): void => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT));
    const slice = view.slice(first, first + VISIBLE_ROWS + 2);
    body.replaceChildren(...slice.map((r) => rowElement(r, depth[indexOf.get(r) ?? 0], columns)));
    table.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
  };
  const refresh = (): void => {
    const q = filter.value.trim().toLowerCase();
    const all = nestedOrder(rows, parents, indexOf, comparator(columns, sortCol, ascending));
    view = q ? all.filter((r) => columns.some((c) => c.cell(r).toLowerCase().includes(q))) : all;
    spacer.style.height = `${view.length * ROW_HEIGHT}px`;
    count.textContent = `${view.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} flows`;
    render();
  };
  const { heads, show } = sortableHeads(columns);
  heads.forEach(({ th }, i) => {
    const sort = (): void => {
      // a numeric column first sorts largest first, as one mostly wants the biggest flows
      ascending = sortCol === i ? !ascending : !columns[i].numeric;
      sortCol = i;
      show(sortCol, ascending);
      refresh();
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter') sort(); });
    headRow.append(th);
  });
  show(sortCol, ascending);
  filter.addEventListener('input', refresh);
  scroller.addEventListener('scroll', render, { passive: true });
  refresh();
  return el('section', { class: 'table-section' }, el('h2', {}, caption), el('div', { class: 'toolbar' }, filter, count), scroller);
}
