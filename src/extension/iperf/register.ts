// Everything Queue Lens does in iperf logs: annotations, hover, CodeLens and the two iperf commands.
import * as vscode from 'vscode';
import { analyseIperfLog } from './analyseCommand';
import { IperfAnnotations } from './annotations';
import { IperfCodeLensProvider } from './codeLens';
import { IperfHoverProvider } from './hover';
import { CANDIDATE_LANGUAGES, registerContentDetection } from './iperfContent';
import { IperfPresetState } from './presetState';

// iperf logs by language, and JSON/plain-text files whose content is iperf output (the providers check it)
const IPERF: vscode.DocumentSelector = [{ language: 'iperf' }, ...CANDIDATE_LANGUAGES.map((language) => ({ language }))];

/** Flips queueLens.annotations.enabled for the user (it also hides the hover and CodeLens). */
async function toggleAnnotations(): Promise<void> {
  const config = vscode.workspace.getConfiguration('queueLens');
  const on = config.get<boolean>('annotations.enabled', true);
  await config.update('annotations.enabled', !on, vscode.ConfigurationTarget.Global);
}

export function registerIperfFeatures(context: vscode.ExtensionContext): void {
  const state = new IperfPresetState();
  const lenses = new IperfCodeLensProvider(state);
  context.subscriptions.push(
    registerContentDetection(),
    state,
    lenses,
    new IperfAnnotations(state),
    vscode.languages.registerHoverProvider(IPERF, new IperfHoverProvider(state)),
    vscode.languages.registerCodeLensProvider(IPERF, lenses),
    vscode.commands.registerCommand('queueLens.analyseIperfLog', analyseIperfLog),
    vscode.commands.registerCommand('queueLens.toggleAnnotations', toggleAnnotations),
  );
}
