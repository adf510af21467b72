import * as vscode from 'vscode';

/** The "Queue Lens" output channel (a LogOutputChannel: levels, timestamps, no HTML rendering). */
let channel: vscode.LogOutputChannel | undefined;

export function initLog(context: vscode.ExtensionContext): void {
  channel = vscode.window.createOutputChannel('Queue Lens', { log: true });
  context.subscriptions.push(channel);
}

export const log = {
  info: (m: string): void => channel?.info(m),
  warn: (m: string): void => channel?.warn(m),
  error: (m: string): void => channel?.error(m),
};
