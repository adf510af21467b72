import {
  CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { themeColours } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Tooltip);

/** Packets per second over the capture, one point per bin, in the theme's colours. */
export class TimelineChart {
  private chart?: Chart;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly binMs: number, private readonly packets: number[]) {}

  /** (Re)draws from scratch, so a theme change picks up the new colours. */
  draw(): number {
    this.chart?.destroy();
    const c = themeColours();
    const perSecond = 1000 / this.binMs;
    const labels = this.packets.map((_, i) => ((i * this.binMs) / 1000).toFixed(1));
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [{
          label: 'packets/s',
          data: this.packets.map((p) => p * perSecond),
          borderColor: c.series,
          backgroundColor: c.series,
          borderWidth: 2,
          pointRadius: 0,
          fill: false,
        }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: c.foreground,
        font: { family: c.font },
        scales: {
          x: { title: { display: true, text: 'time (s)', color: c.foreground }, ticks: { color: c.foreground, maxTicksLimit: 12 }, grid: { color: c.grid } },
          y: { title: { display: true, text: 'packets/s', color: c.foreground }, ticks: { color: c.foreground }, grid: { color: c.grid }, beginAtZero: true },
        },
        plugins: { tooltip: { enabled: true } },
      },
    });
    return labels.length;
  }
}
