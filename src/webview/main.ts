// Queue Lens webview: asks the host for data (ready handshake), then draws a capture, a queue spread or a sweep.
import type { CaptureView, SpreadView } from '../shared/protocol';
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

onHostMessage((m) => {
  if (m.type === 'capture') performance.mark('queue-lens:data');
  switch (m.type) {
    case 'progress': {
      // A pipe has no known size: show the bytes read instead of a percentage.
      const done = m.bytesTotal > 0 ? `${Math.round((100 * m.bytesDone) / m.bytesTotal)} %` : `${(m.bytesDone / 1e6).toFixed(0)} MB`;
      const cancel = el('button', { type: 'button' }, 'Cancel');
      cancel.addEventListener('click', () => send({ type: 'cancel' }));
      app.replaceChildren(el('p', { id: 'status' }, `Reading capture… ${done} `, cancel));
      break;
    }
    case 'capture':
      showCapture(m.capture);
      break;
    case 'spread':
      showSpread(m.spread);
      break;
    case 'spreadError': {
      if (!capture || capture.packets === 0) break;
      capture = { ...capture, spread: undefined };
      const section = spreadErrorSection(m.message);
      const old = document.getElementById('spread');
      if (old) old.replaceWith(section);
      else app.append(section);
      document.body.dataset.spread = 'error';
      break;
    }
    case 'sweep':
      capture = undefined;
      app.replaceChildren(...sweepSection(m.sweep));
      rendered();
      break;
    case 'compare':
      capture = undefined;
      app.replaceChildren(...compareSection(m.compare));
      rendered();
      break;
    case 'queueConfig':
      capture = undefined;
      app.replaceChildren(...configSection(m.config));
      rendered();
      break;
    case 'captureQueueConfig': {
      const section = captureConfigSection(m.config);
      const old = document.getElementById('queue-config');
      if (old) old.replaceWith(section);
      else app.insertBefore(section, document.getElementById('spread'));
      document.body.dataset.queueConfig = 'true';
      break;
    }
    case 'run':
      capture = undefined;
      app.replaceChildren(...runSection(m.run));
      rendered();
      break;
    case 'counters':
      capture = undefined;
      app.replaceChildren(...countersSection(m.counters));
      rendered();
      break;
    case 'observed': {
      const section = observedSection(m.observed);
      const old = document.getElementById('observed');
      if (old) old.replaceWith(section);
      else app.insertBefore(section, document.getElementById('spread'));
      // the preset's fit also heads the queue view, whose spread is this preset's
      document.querySelector('#spread .preset-fit')?.remove();
      const head = document.querySelector('#spread .preset h2');
      if (m.observed.presetFit && head) head.after(presetFitNote(m.observed.presetFit, 'spread'));
      document.body.dataset.observed = 'true';
      break;
    }
    case 'plan':
      capture = undefined;
      app.replaceChildren(...planSection(m.plan));
      rendered();
      break;
    case 'correlation': {
      const section = correlationSection(m.correlation);
      const old = document.getElementById('correlation');
      if (old) old.replaceWith(section);
      else app.insertBefore(section, document.getElementById('spread'));
      section.scrollIntoView();
      document.body.dataset.correlated = 'true';
      break;
    }
    case 'exportImages':
      send({ type: 'images', requestId: m.requestId, images: chartImages() });
      break;
    case 'error':
      capture = undefined;
      app.replaceChildren(errorView(m.message, m.capture === true));
      app.setAttribute('aria-busy', 'false');
      document.body.dataset.error = 'true';
      break;
  }
});

performance.mark('queue-lens:ready');
send({ type: 'ready' });
