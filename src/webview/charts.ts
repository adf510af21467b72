import {
  BarController, BarElement, CategoryScale, Chart, ChartConfiguration, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';
import { onThemeChange, ThemeColours, themeColours } from './theme';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

type Factory = (c: ThemeColours) => ChartConfiguration;
const live = new Map<HTMLCanvasElement, { chart: Chart; factory: Factory }>();

/** Creates a chart whose configuration is rebuilt from the theme's colours whenever the theme changes. */
export function themedChart(canvas: HTMLCanvasElement, factory: Factory): Chart {
  live.get(canvas)?.chart.destroy();
  const chart = new Chart(canvas, factory(themeColours()));
  live.set(canvas, { chart, factory });
  return chart;
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
    live.set(canvas, { chart: new Chart(canvas, entry.factory(c)), factory: entry.factory });
  }
});

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
    plugins: { legend: { labels: { color: c.foreground } }, tooltip: { enabled: true } },
  };
}
