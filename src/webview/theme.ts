/** Chart colours from the current VS Code theme's CSS variables, with neutral fallbacks. */
export interface ThemeColours { series: string; series2: string; foreground: string; grid: string; font: string }

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function themeColours(): ThemeColours {
  return {
    series: cssVar('--vscode-charts-blue', '#3794ff'),
    series2: cssVar('--vscode-charts-orange', '#d18616'),
    foreground: cssVar('--vscode-editor-foreground', '#cccccc'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** Calls back when VS Code switches theme (it rewrites the body's class list). */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
