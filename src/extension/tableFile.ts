// The queueLens.indirectionTable file: only a regular file, at most 1 MiB, read without blocking the host.
import * as fs from 'node:fs/promises';
import { parseTableText } from '../core/hashing';

/** `ethtool -x` output is a few kilobytes; anything past this is the wrong file. */
export const MAX_TABLE_FILE_BYTES = 1024 * 1024;

type ParsedTable = ReturnType<typeof parseTableText>;

/** Reads and parses the table file; every error names the file. */
export async function readTableFile(file: string): Promise<ParsedTable> {
  let st;
  try {
    st = await fs.stat(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!st.isFile()) throw new Error(`${file} is not a regular file`);
  if (st.size > MAX_TABLE_FILE_BYTES) throw new Error(`${file} is ${st.size} bytes; an indirection table file is at most ${MAX_TABLE_FILE_BYTES} bytes (1 MiB)`);
  const text = await fs.readFile(file, 'utf8');
  try {
    return parseTableText(text);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}
