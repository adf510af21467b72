import { shellQuote } from './shellQuote';

/**
 * The command line Record a Run runs: `[sudo] NODE CLI record OUT --dev DEV [options] -- COMMAND...`, every word
 * shell-quoted, so the line shown is exactly what the terminal runs. `sudo` when VS Code does not run as root.
 */
export function recordLine(cli: string, node: string, root: boolean, out: string, device: string, options: readonly string[], command: readonly string[]): string {
  return `${root ? '' : 'sudo '}${shellQuote([node, cli, 'record', out, '--dev', device, ...options, '--', ...command])}`;
}
