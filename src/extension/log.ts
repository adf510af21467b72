import * as vscode from 'vscode';
import { untrustedText } from '../core/text';

/** The "Queue Lens" output channel (a LogOutputChannel: levels, timestamps, no HTML rendering). */
let channel: vscode.LogOutputChannel | undefined;

export function initLog(context: vscode.ExtensionContext): void {
  channel = vscode.window.createOutputChannel('Queue Lens', { log: true });
  context.subscriptions.push(channel);
}

/** Lines often quote a file (its name, a parser's error): untrustedText keeps one line one entry, in its order. */
export const log = {
  info: (m: string): void => channel?.info(untrustedText(m)),
  warn: (m: string): void => channel?.warn(untrustedText(m)),
  error: (m: string): void => channel?.error(untrustedText(m)),
};
