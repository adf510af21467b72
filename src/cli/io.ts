/** What a CLI subcommand may touch: its arguments and its output streams. Tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A subcommand returns its exit code: 0 success, 1 usage error, 2 input/format error. */
export type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

/** Thrown for bad command-line arguments; main prints the usage and exits 1. */
export class UsageError extends Error {}
