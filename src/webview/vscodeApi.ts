import type { HostToWebview, WebviewToHost } from '../shared/protocol';

interface VsCodeApi { postMessage(message: WebviewToHost): void }
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a typed message to the extension host. */
export function send(message: WebviewToHost): void {
  api.postMessage(message);
}

/** Receives typed messages from the extension host (the host is the only sender the webview trusts). */
export function onHostMessage(handler: (m: HostToWebview) => void): void {
  window.addEventListener('message', (e: MessageEvent<HostToWebview>) => handler(e.data));
}
