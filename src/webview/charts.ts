import {
  BarController, BarElement, CategoryScale, Chart, ChartConfiguration, Filler, Legend, LegendItem, LinearScale, LineController,
  LineElement, PointElement, Tooltip,
} from 'chart.js';
import { FIGURE_HELP, FigureKey } from '../shared/figureHelp';
import { el, shown } from './dom';
import { onThemeChange, ThemeColours, themeColours } from './theme';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

type Factory = (c: ThemeColours) => ChartConfiguration;
interface Live { chart: Chart; factory: Factory; key?: HTMLElement }
const live = new Map<HTMLCanvasElement, Live>();

/**
 * A key under the chart, listing every dataset with its colour and dash: unlike chart.js's own legend it scrolls, so
 * 18 or 32 flows still each have their entry. Swatches are coloured through the CSSOM (the page's CSP allows no
 * inline style markup).
 */
function fillKey(key: HTMLElement, config: ChartConfiguration): void {
  const items = config.data.datasets.filter((d) => d.label && !d.label.startsWith('\u200b'));
  key.replaceChildren(...items.map((d) => {
    const ds = d as { label?: string; borderColor?: unknown; backgroundColor?: unknown; borderDash?: number[] };
    // bars are told apart by their fill (their border is the outline colour), lines by their stroke
    const colour = config.type !== 'bar' && typeof ds.borderColor === 'string' && ds.borderColor !== 'transparent' ? ds.borderColor : String(ds.backgroundColor);
    const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    const dash = ds.borderDash ?? [];
    swatch.style.borderTopColor = colour;
    swatch.style.borderTopStyle = dash.length === 0 ? 'solid' : dash[0] <= 2 ? 'dotted' : 'dashed';
    if (config.type === 'bar') swatch.classList.add('block');
    return el('li', { 'data-colour': colour.toLowerCase(), title: ds.label ?? '' }, swatch, el('span', { class: 'key-label' }, ds.label ?? ''));
  }));
  key.setAttribute('data-entries', String(items.length));
  // columns as wide as the longest label (the key's font is monospace): short port labels fit five or six a row
  const longest = items.reduce((m, d) => Math.max(m, (d.label ?? '').length), 0);
  key.style.gridTemplateColumns = `repeat(auto-fill, minmax(min(100%, calc(${longest}ch + 40px)), 1fr))`;
}

/** Creates a chart whose configuration is rebuilt from the theme's colours whenever the theme changes. */
/** Category and dataset labels may quote a file (a run set's folder): drawn as the page shows text (dom.ts). */
function shownLabels(config: ChartConfiguration): ChartConfiguration {
  const labels = config.data.labels;
  if (labels) config.data.labels = labels.map((l) => (typeof l === 'string' ? shown(l) : l));
  for (const d of config.data.datasets) if (typeof d.label === 'string') d.label = shown(d.label);
  return config;
}

export function themedChart(canvas: HTMLCanvasElement, factory: Factory, key?: HTMLElement): Chart {
  live.get(canvas)?.chart.destroy();
  const config = shownLabels(factory(themeColours()));
  const chart = new Chart(canvas, config);
  if (key) fillKey(key, config);
  live.set(canvas, { chart, factory, key });
  return chart;
}

/** An empty key (a scrollable list) for `themedChart` to fill. */
export function chartKey(label: string): HTMLElement {
  return el('ul', { class: 'key', 'aria-label': label });
}

/** Forgets charts whose canvases left the page. */
export function dropDetachedCharts(): void {
  for (const [canvas, entry] of live) {
    if (!canvas.isConnected) { entry.chart.destroy(); live.delete(canvas); }
  }
}

onThemeChange(() => {
  const c = themeColours();
  for (const [canvas, entry] of live) {
    entry.chart.destroy();
    const config = shownLabels(entry.factory(c));
    if (entry.key) fillKey(entry.key, config);
    live.set(canvas, { ...entry, chart: new Chart(canvas, config) });
  }
});

/** A heading with the figure's one-line explanation on hover. */
export function caption(tag: 'h2' | 'h3', text: string, help: FigureKey, ...more: (Node | string)[]): HTMLElement {
  return el(tag, { title: FIGURE_HELP[help], 'data-help': help }, text, ...more);
}

/** The small "?" line under a chart: the figure's explanation, readable without hovering. */
export function helpLine(...keys: FigureKey[]): HTMLElement {
  return el('p', { class: 'help' }, ...keys.map((k) => el('span', { title: FIGURE_HELP[k], 'data-help': k }, el('span', { class: 'help-mark', 'aria-hidden': 'true' }, '?'), ` ${FIGURE_HELP[k]} `)));
}

/**
 * chart.js's legend entries, drawn as a line (with the dataset's dash) for lines and as a block for bars and filled
 * bands: its default box, a filled square with a dashed border, reads as a smudge.
 */
function legendLabels(chart: Chart): LegendItem[] {
  const bars = (chart.config as { type?: string }).type === 'bar';
  return chart.data.datasets.map((d, i) => {
    const ds = d as { label?: string; fill?: unknown; borderColor?: unknown; backgroundColor?: unknown; borderDash?: number[]; borderWidth?: unknown };
    const colour = (v: unknown): string => (typeof v === 'string' ? v : 'transparent');
    const block = bars || !!ds.fill;
    return {
      text: ds.label ?? '',
      datasetIndex: i,
      hidden: !chart.isDatasetVisible(i),
      fontColor: chart.options.color as string,
      fillStyle: colour(ds.backgroundColor),
      strokeStyle: block ? colour(ds.backgroundColor) : colour(ds.borderColor),
      // a legend line thicker than the chart's, so its colour and dash are easy to match
      lineWidth: block ? 0 : Math.max(3, typeof ds.borderWidth === 'number' ? ds.borderWidth : 0),
      lineDash: block ? [] : ds.borderDash ?? [],
      pointStyle: block ? 'rect' : 'line',
    };
  });
}

/** The legend's label options every chart shares (a chart may add a filter). */
export function legendLabelOptions(c: ThemeColours): { color: string; usePointStyle: true; pointStyleWidth: number; generateLabels: typeof legendLabels } {
  return { color: c.foreground, usePointStyle: true, pointStyleWidth: 32, generateLabels: legendLabels };
}

/** Axis and legend options shared by every chart, in the theme's colours. */
export function axes(c: ThemeColours, x: string, y: string, stacked = false): ChartConfiguration['options'] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: c.foreground,
    font: { family: c.font },
    scales: {
      x: { stacked, title: { display: true, text: x, color: c.foreground }, ticks: { color: c.foreground, maxTicksLimit: 12 }, grid: { color: c.grid } },
      y: { stacked, beginAtZero: true, title: { display: true, text: y, color: c.foreground }, ticks: { color: c.foreground }, grid: { color: c.grid } },
    },
    plugins: { legend: { labels: legendLabelOptions(c) }, tooltip: { enabled: true } },
  };
}
