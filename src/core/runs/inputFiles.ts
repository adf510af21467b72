/**
 * Reading the small text inputs around a run (logs, counter snapshots, configuration dumps, traces, manifests):
 * one size cap per kind of file, regular files only (a link to /dev/zero or /dev/ptmx would never end), read once.
 * Every path that reads such a file goes through here, so the caps are stated in one place (docs/security.md).
 * Captures are streamed by core/capture and are not read here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../text';

/** The kinds of run input, each with its own cap. */
export type InputKind = 'log' | 'counters' | 'config' | 'trace' | 'manifest' | 'table';

/** Bytes at most per kind. A real iperf log of a long -i 0.1 run is a few MiB; counter dumps are KiB. */
export const INPUT_CAPS: Readonly<Record<InputKind, number>> = {
  log: 64 * 2 ** 20,
  counters: 16 * 2 ** 20,
  config: 4 * 2 ** 20,
  trace: 64 * 2 ** 20,
  manifest: 1 * 2 ** 20,
  table: 1 * 2 ** 20,
};

const KIND_TEXT: Readonly<Record<InputKind, string>> = {
  log: 'an iperf log',
  counters: 'a counter snapshot',
  config: 'a configuration snapshot',
  trace: 'a trace',
  manifest: 'a run manifest',
  table: 'an indirection table file',
};

/** A file that is not a regular file, or is larger than its kind's cap. Names the file. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

function sizeText(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** What a non-regular file is, in words. */
function notRegular(st: fs.Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Checks that `file` is a regular file within `kind`'s cap (or `allowFifo` and a pipe the user named on a command
 * line) and returns its stats; throws InputFileError otherwise.
 */
export function checkInputFile(file: string, kind: InputKind, opts: { allowFifo?: boolean } = {}): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new InputFileError(file, errorMessage(e));
  }
  if (!st.isFile() && !(opts.allowFifo && st.isFIFO())) {
    throw new InputFileError(file, `it is ${notRegular(st)}; Queue Lens reads only regular files${opts.allowFifo ? ' and pipes' : ''}`);
  }
  const cap = INPUT_CAPS[kind];
  if (st.isFile() && st.size > cap) {
    throw new InputFileError(file, `it is ${sizeText(st.size)}; ${KIND_TEXT[kind]} is at most ${sizeText(cap)}`);
  }
  return st;
}

/** Reads a text input of `kind` once, within its cap. A pipe is read up to the cap and refused beyond it. */
export function readInputText(file: string, kind: InputKind, opts: { allowFifo?: boolean } = {}): string {
  const st = checkInputFile(file, kind, opts);
  if (st.isFile()) return fs.readFileSync(file, 'utf8');
  const cap = INPUT_CAPS[kind];
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > cap) throw new InputFileError(file, `more than ${sizeText(cap)} came through the pipe; ${KIND_TEXT[kind]} is at most that`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Async twin of readInputText for the extension's worker and host (regular files only). */
export async function readInputTextAsync(file: string, kind: InputKind): Promise<string> {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch (e) {
    throw new InputFileError(file, errorMessage(e));
  }
  if (!st.isFile()) throw new InputFileError(file, `it is ${notRegular(st)}; Queue Lens reads only regular files`);
  if (st.size > INPUT_CAPS[kind]) throw new InputFileError(file, `it is ${sizeText(st.size)}; ${KIND_TEXT[kind]} is at most ${sizeText(INPUT_CAPS[kind])}`);
  return fs.promises.readFile(file, 'utf8');
}

/**
 * The regular files directly in `dir` (sorted names), listed once. Links are followed only when their target stays
 * inside `root` (default: `dir`), so no link leads out of a run or sweep folder.
 */
export function listInputFiles(dir: string, root: string = dir): string[] {
  return listEntries(dir, root, 'file');
}

/** The subfolders of `dir` (sorted), with the same rule for links. */
export function listInputDirs(dir: string, root: string = dir): string[] {
  return listEntries(dir, root, 'dir');
}

/** The entries of `dir` of one kind; an unreadable folder lists nothing (the caller names what it expected). */
function listEntries(dir: string, root: string, want: 'file' | 'dir'): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const ofKind = (e: fs.Dirent): boolean => (want === 'file' ? e.isFile() : e.isDirectory());
  return entries
    .filter((e) => ofKind(e) || (e.isSymbolicLink() && linkStaysInside(path.join(dir, e.name), root, want)))
    .map((e) => e.name)
    .sort();
}

/** True when the link's real target is inside `root`'s real path and is of the wanted kind. */
function linkStaysInside(link: string, root: string, want: 'file' | 'dir'): boolean {
  try {
    const real = fs.realpathSync(link);
    const realRoot = fs.realpathSync(root);
    const rel = path.relative(realRoot, real);
    if (rel === '' ? want === 'file' : rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const st = fs.statSync(real);
    return want === 'file' ? st.isFile() : st.isDirectory();
  } catch {
    return false;
  }
}
