import * as vscode from 'vscode';
import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import { showDataPanel } from './dataPanel';
import { SpreadDocument } from '../documents/spreadDocument';
import type { DocumentRegistry } from '../documents/registry';
import type { AnalysisService } from '../worker/analysisService';

export interface ShowSpreadArgs { title: string; flows: SpreadFlow[] }

/** Checks the argument of queueLens.showSpread (it may come from a CodeLens, a command URI or a test). */
export function parseShowSpreadArgs(value: unknown): ShowSpreadArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { title?: unknown; flows?: unknown };
  if (typeof v.title !== 'string' || !Array.isArray(v.flows) || v.flows.length > 100_000) return undefined;
  const endpoint = (e: unknown): e is { ip: string; port: number } =>
    typeof e === 'object' && e !== null && typeof (e as { ip?: unknown }).ip === 'string' &&
    Number.isInteger((e as { port?: unknown }).port);
  const ok = v.flows.every((f: unknown) => {
    const t = (f as { tuple?: { proto?: unknown; src?: unknown; dst?: unknown } } | null)?.tuple;
    return !!t && (t.proto === 'tcp' || t.proto === 'udp') && endpoint(t.src) && endpoint(t.dst);
  });
  return ok ? { title: v.title, flows: v.flows as SpreadFlow[] } : undefined;
}

/** Queue Lens: Show Queue Spread — a webview panel with the queue view of the given flows. */
export function showSpreadPanel(context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, args: ShowSpreadArgs): vscode.WebviewPanel {
  return showDataPanel(context, registry, 'queueLens.spread', `Queue spread: ${args.title}`, new SpreadDocument(args.title, args.flows, service));
}
