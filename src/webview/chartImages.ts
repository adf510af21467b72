import type { ChartImage } from '../shared/protocol';

/** Every chart on the page as a PNG on the editor's background (so light-on-dark text stays readable). */
export function chartImages(): ChartImage[] {
  const background = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
  return [...document.querySelectorAll('canvas')].map((canvas) => {
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (ctx) {
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(canvas, 0, 0);
    }
    return { title: canvas.getAttribute('aria-label') ?? 'chart', dataUrl: out.toDataURL('image/png') };
  });
}
