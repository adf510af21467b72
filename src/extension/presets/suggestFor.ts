// Reads the few bytes a preset suggestion needs: a capture's Section Header Block, the logs of a sweep folder.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PresetSuggestion, pcapngShbOs, suggestFromIperfText, suggestFromShb } from './suggest';

/** The SHB sits at the start of a pcapng: 64 KiB covers its options. Gzip-compressed captures are not opened here. */
export async function suggestForCapture(file: string): Promise<PresetSuggestion | undefined> {
  if (/\.gz$/i.test(file)) return undefined;
  const h = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    return suggestFromShb(pcapngShbOs(buf.subarray(0, bytesRead)), path.basename(file));
  } finally {
    await h.close();
  }
}

/** The first iperf log of the folder (or its run folders, one level down) that names its OS. */
export async function suggestForFolder(dir: string): Promise<PresetSuggestion | undefined> {
  const candidates: string[] = [];
  for (const e of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isFile()) candidates.push(path.join(dir, e.name));
    else if (e.isDirectory() && candidates.length < 40) {
      const inner = await fs.readdir(path.join(dir, e.name), { withFileTypes: true }).catch(() => []);
      for (const f of inner) if (f.isFile()) candidates.push(path.join(dir, e.name, f.name));
    }
  }
  for (const f of candidates.filter((c) => /\.(json|log|out|txt)$/i.test(c)).slice(0, 40)) {
    const st = await fs.stat(f);
    if (st.size > 16 * 1024 * 1024) continue;
    const s = suggestFromIperfText(await fs.readFile(f, 'utf8'), path.relative(dir, f));
    if (s) return s;
  }
  return undefined;
}
