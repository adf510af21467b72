// The queueLens.indirectionTable file: only a regular file, at most 1 MiB, read without blocking the host.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseTableText } from '../../core/hashing';
import { INPUT_CAPS } from '../../core/runs/inputFiles';
import { errorMessage } from '../../core/text';

/** `ethtool -x` output is a few kilobytes; anything past this is the wrong file. */
export const MAX_TABLE_FILE_BYTES = INPUT_CAPS.table; // the one table cap (core/runs/inputFiles.ts)

type ParsedTable = ReturnType<typeof parseTableText>;

/**
 * Reads and parses the table file; every error names the file. `within`: a folder the file must lie in after
 * following links (a workspace's own settings may name only files of that workspace).
 */
export async function readTableFile(file: string, within?: string): Promise<ParsedTable> {
  let st;
  try {
    if (within !== undefined) {
      const [real, root] = await Promise.all([fs.realpath(file), fs.realpath(within)]);
      if (real !== root && !real.startsWith(root + path.sep)) throw new Error(`${file} is outside the workspace; a workspace setting may name only a file inside it (set it in your user settings to read it)`);
    }
    st = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === undefined ? errorMessage(e) : `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : errorMessage(e)}`);
  }
  if (!st.isFile()) throw new Error(`${file} is not a regular file`);
  if (st.size > MAX_TABLE_FILE_BYTES) throw new Error(`${file} is ${st.size} bytes; an indirection table file is at most ${MAX_TABLE_FILE_BYTES} bytes (1 MiB)`);
  const text = await fs.readFile(file, 'utf8');
  try {
    return parseTableText(text);
  } catch (e) {
    throw new Error(`${file}: ${errorMessage(e)}`);
  }
}
