import * as vscode from 'vscode';
import type { FlowReport } from '../core/capture';
import { LINK_TYPE_NAMES } from '../core/capture/linkTypes';
import { sparkline } from '../core/flows/sparkline';
import type { CaptureView } from '../shared/protocol';
import { CaptureDocument } from './captureDocument';
import { log } from './log';
import { settings } from './settings';
import { captureSeries, captureSpreadFlows, spreadView } from './spreadView';
import { captureEditorHtml } from './webviewHtml';
import { WebviewSession } from './webviewSession';

export const CAPTURE_VIEW_TYPE = 'queueLens.capture';
/** The same editor offered (not default) for *.cap, which other tools also use. */
export const CAPTURE_OPTION_VIEW_TYPE = 'queueLens.captureOption';

/** Read-only custom editor for pcap/pcapng(.gz): a webview fed through the typed protocol. */
export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  constructor(private readonly context: vscode.ExtensionContext) {}

  openCustomDocument(uri: vscode.Uri): CaptureDocument {
    return new CaptureDocument(uri, this.context.extensionPath, settings().binMs);
  }

  resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.context.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.context.extensionUri, 'media'),
      ],
    };
    webview.html = captureEditorHtml(webview, this.context.extensionUri, document.fileName);
    const showReport = (): void => {
      document.report().then(
        (report) => session.post({ type: 'capture', capture: toView(report, document.fileName) }),
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          log.error(message);
          session.post({ type: 'error', message });
        },
      );
    };
    const session = new WebviewSession(panel, document.fileName, (msg) => {
      switch (msg.type) {
        case 'ready':
          // Sent after every (re)load of the page, so the data is (re)sent each time.
          showReport();
          break;
        case 'cancel':
          document.cancel();
          break;
        case 'rendered':
          log.info(`${document.fileName}: rendered, ${msg.points} time bins`);
          break;
      }
    });
    const subs: vscode.Disposable[] = [
      session,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('queueLens')) return;
        void document.report().then((report) => {
          const { flows, note } = captureSpreadFlows(report);
          session.post({ type: 'spread', spread: spreadView(document.fileName, flows, settings(), note) });
        }, () => undefined);
      }),
      document.onDidChangeOnDisk(() => showReport()),
    ];
    const unsubscribe = document.onProgress((bytesDone, bytesTotal) => session.post({ type: 'progress', bytesDone, bytesTotal }));
    panel.onDidDispose(() => {
      unsubscribe();
      subs.forEach((d) => d.dispose());
    });
  }
}

/** At most this many points per chart line: more cannot be seen and would slow the charts down. */
const MAX_CHART_POINTS = 1000;

/** Sums runs of `factor` bins into one. */
function coarsen(values: readonly number[], factor: number): number[] {
  if (factor <= 1) return [...values];
  const out = new Array<number>(Math.ceil(values.length / factor)).fill(0);
  values.forEach((v, i) => { out[Math.floor(i / factor)] += v; });
  return out;
}

/** The part of a flow report the webview shows: no paths, nothing it does not draw. */
function toView(report: FlowReport, fileName: string): CaptureView {
  const { flows, note } = captureSpreadFlows(report);
  const factor = Math.ceil(report.timeline.packets.length / MAX_CHART_POINTS);
  return {
    fileName,
    format: report.format,
    linkTypes: report.linkTypes,
    linkTypeNames: report.linkTypes.map((t) => `${LINK_TYPE_NAMES[t] ?? 'unknown'} (${t})`),
    packets: report.packets,
    bytes: report.bytes,
    start: report.start,
    duration: report.duration,
    binMs: report.binMs * Math.max(1, factor),
    timeline: { packets: coarsen(report.timeline.packets, factor), bytes: coarsen(report.timeline.bytes, factor) },
    flows: report.flows.map((f) => ({
      proto: f.proto, a: f.a, b: f.b, aToB: f.aToB, bToA: f.bToA, start: f.start, duration: f.duration,
      spark: sparkline(f.series.aToB, f.series.bToA),
    })),
    warnings: report.warnings,
    comments: report.comments,
    interfaces: report.interfaces.map((i) => ({ name: i.name, linkType: i.linkType, drops: i.drops })),
    series: captureSeries(report).map((f) => ({ ...f, bytes: coarsen(f.bytes, factor) })),
    spread: spreadView(fileName, flows, settings(), note),
  };
}
