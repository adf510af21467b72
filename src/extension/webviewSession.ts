import * as vscode from 'vscode';
import { CaptureView, ChartImage, HostToWebview, parseWebviewMessage, SpreadView, WebviewToHost } from '../shared/protocol';
import { log } from './log';

/**
 * One Queue Lens webview (capture editor or spread panel): typed posting, validation of everything
 * the page sends, the last data shown (for export), and chart-image requests.
 */
export class WebviewSession implements vscode.Disposable {
  private static active: WebviewSession | undefined;
  capture?: CaptureView;
  spread?: SpreadView;
  private nextRequest = 1;
  private readonly pending = new Map<number, (images: ChartImage[]) => void>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, readonly name: string, onMessage: (m: WebviewToHost) => void) {
    this.subs.push(
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
      panel.onDidChangeViewState(() => this.updateActive()),
    );
    this.updateActive();
  }

  /** The Queue Lens webview the user looks at now, if any. */
  static current(): WebviewSession | undefined {
    return WebviewSession.active;
  }

  private updateActive(): void {
    if (this.panel.active) WebviewSession.active = this;
    else if (WebviewSession.active === this) WebviewSession.active = undefined;
    void vscode.commands.executeCommand('setContext', 'queueLens.reportAvailable', !!WebviewSession.active);
  }

  post(m: HostToWebview): void {
    if (m.type === 'capture') { this.capture = m.capture; this.spread = m.capture.spread; }
    if (m.type === 'spread') this.spread = m.spread;
    void this.panel.webview.postMessage(m);
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
    if (WebviewSession.active === this) WebviewSession.active = undefined;
    void vscode.commands.executeCommand('setContext', 'queueLens.reportAvailable', !!WebviewSession.active);
    this.subs.forEach((d) => d.dispose());
    this.pending.clear();
  }
}
