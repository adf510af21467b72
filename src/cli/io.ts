import { InputFileError, readInputText } from '../core/runs/inputFiles';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorMessage, untrustedText } from '../core/text';

/** What a CLI subcommand may touch: its arguments and its output streams. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Set once stdout's reader has gone (`queue-lens iperf big.log | head -1`): later output is dropped. */
let stdoutClosed = false;

/**
 * A closed pipe on stdout ends the command quietly, as for any Unix filter: no EPIPE stack trace. The command
 * still returns its usual status; what it would have printed is dropped.
 */
export function quietOnClosedStdout(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      stdoutClosed = true;
      return;
    }
    throw e;
  });
}

/** What the CLI writes is made of lines: tab and line feed stay; every other control or bidi mark is escaped. */
const OWN_CONTROLS = '\t\n';

/** Everything the CLI prints may quote a file (interface names, comments, log lines): it goes through untrustedText. */
export const processIo: CliIo = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(untrustedText(text, OWN_CONTROLS));
  },
  err: (text) => process.stderr.write(untrustedText(text, OWN_CONTROLS)),
};

/** A subcommand returns its exit code: 0 success, 1 usage error, 2 input/format error. */
export type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/** Thrown for bad command-line arguments; main prints the usage and exits 1. */
export class UsageError extends Error {}

/** node:util's parseArgs, its argument errors turned into a UsageError that carries the subcommand's usage. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(`${errorMessage(e)}\n${usage}`);
  }
}

/** A text file's contents, or undefined once the user is told why it cannot be read (the caller exits 2). */
export function readTextFile(io: CliIo, command: string, file: string): string | undefined {
  try {
    // Regular files, and pipes the user named, within the log cap; a device (a link to /dev/zero or /dev/ptmx)
    // would never end. InputFileError's message starts with the file: drop it, the line below names it.
    return readInputText(file, 'log', { allowFifo: true });
  } catch (e) {
    io.err(`queue-lens ${command}: cannot read ${file}: ${e instanceof InputFileError ? e.message.slice(file.length + 2) : errorMessage(e)}\n`);
    return undefined;
  }
}
