// A run's queue configuration: how many queues were offered and used and why, and the queue → CPU diagram (which
// CPU took each queue's interrupts and ran its netback threads, measured; which CPUs its masks name, configured),
// with its numbers as a table beneath. Cells are plain elements sized and shaded through the CSSOM.
import type { QueueConfigView } from '../shared/protocol';
import { el } from './dom';
import { formatPercent } from '../core/text';

const CELL_PX = 34;
const count = (v: number): string => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
const list = (cpus: readonly number[] | null): string => (cpus === null ? '–' : cpus.length ? cpus.join(', ') : 'none');
const BASIS: Record<string, string> = {
  interrupts: 'where its interrupts ran (measured)',
  'netback-thread': 'where its netback threads last ran (measured)',
  'irq-affinity': 'its IRQ affinity (configured)',
  xps: 'its XPS mask (configured)',
  rps: 'its RPS mask (configured)',
};

type Queue = QueueConfigView['queues'][number];

/** Each CPU's share of a queue's interrupts (measured), or undefined without interrupt counts. */
function irqShares(q: Queue, cpus: number): number[] | undefined {
  const per = new Array<number>(cpus).fill(0);
  for (const i of q.irqs) i.perCpu.forEach((c, k) => { if (k < cpus) per[k] += c; });
  const total = per.reduce((a, b) => a + b, 0);
  return total > 0 ? per.map((c) => c / total) : undefined;
}

function cell(q: Queue, cpu: number, share: number | undefined): HTMLElement {
  const threads = q.threads.filter((t) => t.cpu === cpu);
  const configured = (q.xpsCpus?.includes(cpu) ? ['XPS'] : []).concat(q.rpsCpus?.includes(cpu) ? ['RPS'] : [])
    .concat(q.irqs.some((i) => i.affinity?.includes(cpu)) && q.basis !== 'interrupts' ? ['affinity'] : []);
  const serves = q.cpus.includes(cpu);
  const label = [
    `q${q.queue} on CPU ${cpu}:`,
    share !== undefined ? `${formatPercent(share)} of its interrupts (measured)` : '',
    threads.length ? `netback ${threads.map((t) => `${t.comm} ${t.pcpu} %CPU`).join(', ')} (measured)` : '',
    configured.length ? `${configured.join(', ')} (configured)` : '',
  ].filter(Boolean).join(' ');
  const c = el('div', { class: `cpu-cell${serves ? ' serves' : ''}`, role: 'img', 'aria-label': label, title: label, 'data-queue': String(q.queue), 'data-cpu': String(cpu) });
  Object.assign(c.style, {
    width: `${CELL_PX}px`, height: `${CELL_PX - 8}px`, display: 'flex', alignItems: 'center', justifyContent: 'center', boxSizing: 'border-box',
    fontSize: '10px', border: configured.length ? '2px dashed var(--vscode-charts-orange, #d18616)' : '1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.35))',
  });
  if (share !== undefined && share > 0) {
    c.style.background = `color-mix(in srgb, var(--vscode-charts-blue, #3794ff) ${Math.round(15 + 55 * share)}%, transparent)`;
  } else if (serves && q.basis !== 'interrupts') {
    c.style.background = 'color-mix(in srgb, var(--vscode-charts-blue, #3794ff) 35%, transparent)';
  }
  if (threads.length) c.append(el('span', { class: 'thread-load' }, `${Math.round(threads.reduce((a, t) => a + t.pcpu, 0))}%`));
  return c;
}

/** Rows: queues; columns: CPUs. Filled: the share of the queue's interrupts (measured); dashed: a mask names it. */
function diagram(v: QueueConfigView): HTMLElement {
  const grid = el('div', { class: 'queue-cpu-grid', role: 'group', 'aria-label': 'Queue → CPU' });
  Object.assign(grid.style, { display: 'grid', gridTemplateColumns: `4em repeat(${v.cpus}, ${CELL_PX}px)`, gap: '3px', alignItems: 'center' });
  grid.append(el('div', { class: 'muted' }, 'queue'), ...Array.from({ length: v.cpus }, (_, k) => el('div', { class: 'muted cpu-head' }, `CPU ${k}`)));
  for (const q of v.queues) {
    const shares = irqShares(q, v.cpus);
    grid.append(el('div', { class: 'num' }, `q${q.queue}`), ...Array.from({ length: v.cpus }, (_, k) => cell(q, k, shares?.[k])));
  }
  return grid;
}

function table(v: QueueConfigView): HTMLElement {
  const head = ['queue', 'interrupts (measured)', 'CPUs', 'from', 'XPS CPUs (configured)', 'RPS CPUs (configured)', 'netback threads (measured)', 'ring requests (measured)'];
  return el('table', { class: 'numbers queue-config' },
    el('caption', {}, 'Queue → interrupt → CPU'),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...v.queues.map((q) => el('tr', { 'data-queue': String(q.queue) },
      el('td', { class: 'num' }, `q${q.queue}`),
      el('td', {}, q.irqs.length ? q.irqs.map((i) => `${i.irq} ${i.name}${i.total ? `: ${count(i.total)}` : ''}`).join('; ') : '–'),
      el('td', { class: 'num cpus' }, q.basis ? list(q.cpus) : '–'),
      el('td', { class: 'muted' }, q.basis ? BASIS[q.basis] : '–'),
      el('td', { class: 'num' }, list(q.xpsCpus)),
      el('td', { class: 'num' }, list(q.rpsCpus)),
      el('td', {}, q.threads.length ? q.threads.map((t) => `${t.comm} on CPU ${t.cpu}, ${t.pcpu} %CPU`).join('; ') : '–'),
      el('td', { class: 'num' }, q.ringRequests ? `tx ${q.ringRequests.tx ?? '–'}, rx ${q.ringRequests.rx ?? '–'}` : '–')))));
}

/** The queue-configuration view. */
export function configSection(v: QueueConfigView): HTMLElement[] {
  return [el('h1', {}, `Queue configuration: ${v.title}`), configBody(v)];
}

/** The same, as a section of the capture view (the capture's run folder has a config/). */
export function captureConfigSection(v: QueueConfigView): HTMLElement {
  const body = configBody(v);
  body.prepend(el('h2', {}, `Queue configuration: ${v.title}`));
  return body;
}

function configBody(v: QueueConfigView): HTMLElement {
  return el('section', { id: 'queue-config', 'data-effective': String(v.effective), 'data-offered': String(v.offered) },
    el('p', { class: 'config-headline' }, el('strong', {}, v.headline)),
      ...(v.disagreement ? [el('p', { class: 'warning config-disagreement', role: 'alert' }, v.disagreement)] : []),
      el('p', { class: 'config-sentence' }, v.sentence),
      el('ul', { class: 'config-reasons' }, ...v.reasons.map((r) => el('li', {}, r))),
      ...(v.queues.length && v.cpus > 0 ? [
        el('h2', {}, `Queue → CPU${v.device ? ` (${v.device})` : ''}`),
        el('p', { class: 'muted' }, 'Filled: the CPU’s share of the queue’s interrupts (measured). Dashed: an XPS/RPS mask or IRQ affinity names the CPU (configured, not where work ran). A percentage: the queue’s netback threads’ %CPU on that CPU (measured, ps).'),
        diagram(v),
        table(v),
      ] : [el('p', { class: 'muted' }, 'No per-queue interrupts, threads or masks in these files.')]),
      ...v.warnings.filter((w) => w !== v.disagreement).map((w) => el('p', { class: 'warning' }, w)));
}

type SweepRuns = ReadonlyArray<{
  name: string;
  queues: number;
  config?: { effective: number | null; offered: number | null; sentence: string };
  queueCpu?: { busyQueues: number[]; busyCpus: number[]; sharedCpus: Array<{ cpu: number; queues: number[] }>; cpuBasis: string; model: { byQueues: number; byCpus: number } };
}>;

/** Compare Queue Counts: each run's saved queue configuration and its busy queues' CPUs; nothing without one. */
export function sweepConfigSection(runs: SweepRuns): HTMLElement[] {
  const withConfig = runs.filter((r) => r.config);
  if (withConfig.length === 0) return [];
  const head = ['run', 'queues (named)', 'used / offered', 'busy queues (measured)', 'their CPUs', 'shared CPUs', 'capacity by queues / by CPUs (modelled)'];
  return [el('section', { id: 'sweep-queue-config' },
    el('h2', {}, 'Queue configuration of the runs'),
    el('table', { class: 'numbers sweep-queue-config' },
      el('caption', {}, 'Each run’s config/: queues used and offered, its busy queues (counters) on CPUs (configuration)'),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...withConfig.map((r) => {
        const c = r.config as NonNullable<typeof r.config>;
        const q = r.queueCpu;
        const mismatch = c.effective !== null && c.effective !== r.queues;
        return el('tr', { 'data-run': r.name, ...(mismatch ? { class: 'mismatch' } : {}) },
          el('td', {}, r.name),
          el('td', { class: 'num' }, String(r.queues)),
          el('td', { class: mismatch ? 'warning' : '', title: c.sentence }, `${c.effective ?? '?'} / ${c.offered ?? '?'}${mismatch ? ' (not the named count)' : ''}`),
          el('td', { class: 'num' }, q ? q.busyQueues.join(', ') : '–'),
          el('td', {}, q ? `${q.busyCpus.join(', ') || '?'} (${q.cpuBasis})` : '–'),
          el('td', {}, q ? (q.sharedCpus.map((s) => `CPU ${s.cpu}: q${s.queues.join(', q')}`).join('; ') || 'none') : '–'),
          el('td', { class: 'num' }, q ? `${q.model.byQueues} / ${q.model.byCpus}` : '–'));
      }))))];
}
