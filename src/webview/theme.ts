/** Chart colours from the current VS Code theme's CSS variables, with neutral fallbacks. */
export interface ThemeColours {
  series: string;
  /** 17 colours told apart by colour-blind readers too (Okabe–Ito first, then Paul Tol's); [0] is the theme's blue. */
  palette: string[];
  foreground: string;
  grid: string;
  font: string;
  dark: boolean;
  /** The theme's red, kept for what went wrong (a trial that fell), never for an ordinary series. */
  alarm: string;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

// Okabe & Ito (2008) "Color Universal Design" and Paul Tol's qualitative schemes (personal.sron.nl/~pault): the first
// eight are Okabe–Ito's, which stay apart under the common colour-vision deficiencies. Light backgrounds drop the
// pale yellows and sands; dark backgrounds drop the deep indigo and wine, which vanish on them.
const ON_LIGHT = ['#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#997700', '#332288', '#117733', '#882255', '#44AA99', '#999933', '#AA4499', '#EE3377', '#0077BB', '#777777'];
const ON_DARK = ['#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#FFFFFF', '#88CCEE', '#44AA99', '#DDCC77', '#CC6677', '#AA4499', '#999933', '#EE7733', '#33BBEE', '#EE3377'];

export function themeColours(): ThemeColours {
  const dark = !document.body.classList.contains('vscode-light');
  const palette = [cssVar('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff'), ...(dark ? ON_DARK : ON_LIGHT)];
  return {
    series: palette[0],
    palette,
    foreground: cssVar('--vscode-editor-foreground', '#cccccc'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    dark,
    alarm: cssVar('--vscode-charts-red', '#f14c4c'),
  };
}

/** Dash patterns and point styles per group of eight series. */
const DASHES: number[][] = [[], [6, 3], [2, 2], [10, 3, 2, 3]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'] as const;

/**
 * The look of series i: its own colour (17 of them), and from the ninth series on a dash pattern and point style per
 * group of eight, so that series whose colours are close for a colour-blind reader still differ in shape.
 */
export function seriesStyle(c: ThemeColours, i: number): { colour: string; dash: number[]; point: (typeof POINTS)[number] } {
  const group = Math.floor(i / 8);
  return { colour: c.palette[i % c.palette.length], dash: DASHES[group % DASHES.length], point: POINTS[group % POINTS.length] };
}

/** Calls back when VS Code switches theme (it rewrites the body's class list). */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
