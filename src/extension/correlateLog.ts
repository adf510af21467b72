import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { correlate } from '../core/analysis/correlate/correlate';
import { parseIperfLog } from '../core/iperf';
import type { CorrelationView } from '../shared/protocol';
import { WebviewSession } from './webviewSession';

const endpoint = (e?: { ip: string; port: number }): string => (e ? `${e.ip}:${e.port}` : '?');

/** Queue Lens: Correlate with iperf Log… — the open capture's flows next to an iperf log's streams. */
export async function correlateWithLog(logUri?: vscode.Uri): Promise<CorrelationView | undefined> {
  const session = WebviewSession.current();
  const capture = session?.capture;
  if (!session || !capture) {
    void vscode.window.showWarningMessage('Queue Lens: open a capture first, then correlate it with the iperf log of the same run.');
    return undefined;
  }
  const target = logUri instanceof vscode.Uri
    ? logUri
    : (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Correlate', title: `iperf log of the run captured in ${capture.fileName}` }))?.[0];
  if (!target) return undefined;
  const name = path.basename(target.fsPath);
  let view: CorrelationView;
  try {
    const log = parseIperfLog(fs.readFileSync(target.fsPath, 'utf8'), name);
    const c = correlate({ file: capture.fileName, flows: capture.flows }, log);
    view = {
      logFile: name,
      matched: c.matched.map((m) => ({
        stream: `[${m.streamId}] ${endpoint(m.from)} → ${endpoint(m.to)}`,
        flow: `${m.proto} ${endpoint(capture.flows[m.flowIndex].a)} ↔ ${endpoint(capture.flows[m.flowIndex].b)}`,
        iperfBytes: m.iperf.bytes, captureBytes: m.capture.bytes, iperfBps: m.iperf.bitsPerSecond, captureBps: m.capture.bitsPerSecond,
        byteRatio: m.byteRatio,
      })),
      unmatchedStreams: c.unmatchedStreams.map((u) => `[${u.streamId}] ${endpoint(u.local)} – ${endpoint(u.remote)}: ${u.reason}`),
      unmatchedFlows: c.unmatchedFlows.map((f) => `${f.proto} ${endpoint(f.a)} ↔ ${endpoint(f.b)} (${f.packets} packets)${f.carries ? ' — tunnel carrying matched flows' : ''}`),
    };
  } catch (e) {
    void vscode.window.showErrorMessage(`Queue Lens: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  session.post({ type: 'correlation', correlation: view });
  return view;
}
