import * as path from 'node:path';
import * as vscode from 'vscode';
import { CAPTURE_OPTION_VIEW_TYPE, CAPTURE_VIEW_TYPE, CaptureEditorProvider } from './views/captureEditor';
import { openCapture } from './commands/openCapture';
import { compareQueueCounts } from './commands/compareQueueCounts';
import { compareRunSets } from './commands/compareRunSets';
import { correlateWithLog } from './commands/correlateLog';
import { DocumentRegistry } from './documents/registry';
import { initDocumentPresets } from './settings/documentPresets';
import { exportReport, parseExportArgs } from './commands/exportReport';
import { registerIperfFeatures } from './iperf/register';
import { initLog, log } from './log';
import { chooseRunCounters } from './commands/chooseRunCounters';
import { MeasuredAnnotations } from './iperf/measuredAnnotations';
import { openCounters } from './commands/openCounters';
import { openQueueConfig } from './commands/openQueueConfig';
import { planSourcePorts } from './commands/planPorts';
import { openRecordedRun } from './commands/openRecordedRun';
import { recordRun } from './commands/recordRun';
import { choosePreset, presetStatusItem } from './commands/presetPicker';
import { parseShowSpreadArgs, showSpreadPanel } from './views/spreadPanel';
import { AnalysisService } from './worker/analysisService';

export function activate(context: vscode.ExtensionContext): void {
  initLog(context);
  // Reading, modelling, correlating and planning run in worker processes; this thread only routes and renders.
  const service = new AnalysisService(path.join(context.extensionPath, 'dist', 'analysisWorker.js'));
  service.warm(); // the first job's process starts now, not when the editor asks
  const registry = new DocumentRegistry();
  const presets = initDocumentPresets(context.workspaceState);
  context.subscriptions.push(
    { dispose: () => service.dispose() },
    presets,
    registry,
    // The same editor twice: by default for pcap/pcapng(.gz), as an option for *.cap (not always a pcap).
    ...[CAPTURE_VIEW_TYPE, CAPTURE_OPTION_VIEW_TYPE].map((viewType) =>
      vscode.window.registerCustomEditorProvider(viewType, new CaptureEditorProvider(context, service, registry), {
        // Keeps the chart when the tab is hidden; re-reading a big capture would cost far more.
        webviewOptions: { retainContextWhenHidden: true },
        supportsMultipleEditorsPerDocument: true,
      })),
    vscode.commands.registerCommand('queueLens.openCapture', openCapture),
    vscode.commands.registerCommand('queueLens.choosePreset', (pick?: unknown) => choosePreset(registry, service, pick)),
    vscode.commands.registerCommand('queueLens.exportReport', (arg?: unknown) => {
      return exportReport(registry, parseExportArgs(arg));
    }),
    vscode.commands.registerCommand('queueLens.planSourcePorts', (arg?: unknown) => planSourcePorts(context, registry, service, arg)),
    vscode.commands.registerCommand('queueLens.correlateLog', (logUri?: vscode.Uri) => correlateWithLog(registry, logUri)),
    vscode.commands.registerCommand('queueLens.compareQueueCounts', (folder?: vscode.Uri) => compareQueueCounts(context, registry, service, folder)),
    vscode.commands.registerCommand('queueLens.compareRunSets', (a?: unknown, b?: unknown) => compareRunSets(context, registry, service, a, b)),
    vscode.commands.registerCommand('queueLens.showSpread', (arg: unknown) => {
      const args = parseShowSpreadArgs(arg);
      if (!args) {
        log.warn('queueLens.showSpread: ignored a call without a valid { title, flows } argument');
        return undefined;
      }
      showSpreadPanel(context, registry, service, args);
      return true;
    }),
    presetStatusItem(registry),
    vscode.commands.registerCommand('queueLens.openCounters', (file?: unknown, before?: unknown) => openCounters(context, registry, service, file, before)),
    vscode.commands.registerCommand('queueLens.showQueueConfig', (file?: unknown, files?: unknown) => openQueueConfig(context, registry, service, file, files)),
    vscode.commands.registerCommand('queueLens.useRunCounters', (file?: unknown) => chooseRunCounters(registry, file)),
    vscode.commands.registerCommand('queueLens.recordRun', () => recordRun(context)),
    vscode.commands.registerCommand('queueLens.openRecordedRun', (dir?: unknown) => openRecordedRun(context, registry, service, dir)),
  );
  registerIperfFeatures(context);
  // after the model's annotations, so "→ q2 (measured)" follows "→ q?/8 · linux-tx"
  context.subscriptions.push(new MeasuredAnnotations(service));
  log.info('Queue Lens activated');
}

export function deactivate(): void {}
