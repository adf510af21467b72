import * as vscode from 'vscode';
import { ChartImage, HostToWebview, parseWebviewMessage, WebviewToHost } from '../../shared/protocol';
import { log } from '../log';

/**
 * One Queue Lens webview (capture editor or panel): typed posting, validation of everything the page sends,
 * and chart-image requests. It keeps no data: documents own the models (documents/), the registry knows
 * which one is active.
 */
export class WebviewSession implements vscode.Disposable {
  private nextRequest = 1;
  private readonly pending = new Map<number, (images: ChartImage[]) => void>();
  private readonly subs: vscode.Disposable[] = [];

  private closed = false;

  constructor(readonly panel: vscode.WebviewPanel, readonly name: string, onMessage: (m: WebviewToHost) => void) {
    this.subs.push(
      panel.onDidDispose(() => { this.closed = true; }),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) {
          log.warn(`ignored an invalid message from the ${name} webview`);
        } else if (msg.type === 'images') {
          this.pending.get(msg.requestId)?.(msg.images);
          this.pending.delete(msg.requestId);
        } else {
          onMessage(msg);
        }
      }),
    );
  }

  /** Posts to the page; an answer that arrives after the panel closed (a worker job finishing late) is dropped. */
  post(m: HostToWebview): void {
    if (this.closed) return;
    this.panel.webview.postMessage(m).then(undefined, () => undefined);
  }

  /** Every chart of the page as PNG; rejects after 10 s without an answer. */
  chartImages(): Promise<ChartImage[]> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(requestId); reject(new Error('the webview did not send its charts')); }, 10_000);
      this.pending.set(requestId, (images) => { clearTimeout(timer); resolve(images); });
      this.post({ type: 'exportImages', requestId });
    });
  }

  dispose(): void {
    this.closed = true;
    this.subs.forEach((d) => d.dispose());
    this.pending.clear();
  }
}
