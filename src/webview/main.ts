// Queue Lens webview: asks the host for data (ready handshake), then draws a capture, a queue spread or a sweep.
import type { CaptureView, ObservedView, SpreadView } from '../shared/protocol';
import { captureSection } from './captureSection';
import { chartImages } from './chartImages';
import { correlationSection } from './correlationSection';
import { countersSection, observedSection, presetFitNote } from './countersSection';
import { captureConfigSection, configSection } from './configSection';
import { dropDetachedCharts } from './charts';
import { el } from './dom';
import { planSection } from './planSection';
import { runSection } from './runSection';
import { errorView } from './errorView';
import { spreadErrorSection, spreadSection } from './spreadSection';
import { sweepSection } from './sweepSection';
import { compareSection } from './compareSection';
import { onHostMessage, send } from './vscodeApi';

const app = document.getElementById('app') as HTMLElement;
let capture: CaptureView | undefined;

function rendered(): void {
  dropDetachedCharts();
  // the first-chart benchmark (test/bench/editorOpen.ts) reads these marks
  performance.mark('queue-lens:rendered');
  app.setAttribute('aria-busy', 'false');
  document.body.dataset.rendered = 'true';
  send({ type: 'rendered', points: capture?.timeline.packets.length ?? 0 });
}

function showCapture(c: CaptureView): void {
  capture = c;
  app.replaceChildren(...captureSection(c), ...(c.spread && c.packets > 0 ? [spreadSection(c.spread)] : []));
  rendered();
}

/** A spread alone (the spread panel), or a new spread for the open capture after a settings change. */
function showSpread(s: SpreadView): void {
  if (capture?.packets === 0) return; // nothing to spread: the page says so
  if (capture) {
    capture = { ...capture, spread: s };
    const old = document.getElementById('spread');
    if (old) old.replaceWith(spreadSection(s));
    else app.append(spreadSection(s));
    document.body.dataset.spread = 'true';
  } else {
    app.replaceChildren(el('h1', {}, s.title), spreadSection(s));
  }
  rendered();
}

/** A whole page of its own (sweep, comparison, configuration, run, counters, plan): the open capture is gone. */
function showPage(sections: HTMLElement[]): void {
  capture = undefined;
  app.replaceChildren(...sections);
  rendered();
}

/** A section of the capture page put in place of its previous version, else before `before` (else at the end). */
function placeSection(section: HTMLElement, id: string, before?: string): void {
  const old = document.getElementById(id);
  if (old) old.replaceWith(section);
  else if (before !== undefined) app.insertBefore(section, document.getElementById(before));
  else app.append(section);
}

function showProgress(bytesDone: number, bytesTotal: number): void {
  // A pipe has no known size: show the bytes read instead of a percentage.
  const done = bytesTotal > 0 ? `${Math.round((100 * bytesDone) / bytesTotal)} %` : `${(bytesDone / 1e6).toFixed(0)} MB`;
  const cancel = el('button', { type: 'button' }, 'Cancel');
  cancel.addEventListener('click', () => send({ type: 'cancel' }));
  app.replaceChildren(el('p', { id: 'status' }, `Reading capture… ${done} `, cancel));
}

function showSpreadError(message: string): void {
  if (!capture || capture.packets === 0) return;
  capture = { ...capture, spread: undefined };
  placeSection(spreadErrorSection(message), 'spread');
  document.body.dataset.spread = 'error';
}

function showObserved(observed: ObservedView): void {
  placeSection(observedSection(observed), 'observed', 'spread');
  // the preset's fit also heads the queue view, whose spread is this preset's
  document.querySelector('#spread .preset-fit')?.remove();
  const head = document.querySelector('#spread .preset h2');
  if (observed.presetFit && head) head.after(presetFitNote(observed.presetFit, 'spread'));
  document.body.dataset.observed = 'true';
}

function showError(message: string, isCapture: boolean): void {
  capture = undefined;
  app.replaceChildren(errorView(message, isCapture));
  app.setAttribute('aria-busy', 'false');
  document.body.dataset.error = 'true';
}

onHostMessage((m) => {
  if (m.type === 'capture') performance.mark('queue-lens:data');
  switch (m.type) {
    case 'progress': showProgress(m.bytesDone, m.bytesTotal); break;
    case 'capture': showCapture(m.capture); break;
    case 'spread': showSpread(m.spread); break;
    case 'spreadError': showSpreadError(m.message); break;
    case 'sweep': showPage(sweepSection(m.sweep)); break;
    case 'compare': showPage(compareSection(m.compare)); break;
    case 'queueConfig': showPage(configSection(m.config)); break;
    case 'captureQueueConfig':
      placeSection(captureConfigSection(m.config), 'queue-config', 'spread');
      document.body.dataset.queueConfig = 'true';
      break;
    case 'run': showPage(runSection(m.run)); break;
    case 'counters': showPage(countersSection(m.counters)); break;
    case 'observed': showObserved(m.observed); break;
    case 'plan': showPage(planSection(m.plan)); break;
    case 'correlation': {
      const section = correlationSection(m.correlation);
      placeSection(section, 'correlation', 'spread');
      section.scrollIntoView();
      document.body.dataset.correlated = 'true';
      break;
    }
    case 'exportImages': send({ type: 'images', requestId: m.requestId, images: chartImages() }); break;
    case 'error': showError(m.message, m.capture === true); break;
  }
});

performance.mark('queue-lens:ready');
send({ type: 'ready' });
