// Reads the few bytes a preset suggestion needs: a capture's Section Header Block, the logs of a sweep folder.
// Runs in the analysis worker (worker/jobs.ts, job presetHint), never on the extension host: no vscode.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { sectionHeaderFacts } from '../../core/capture/sectionHeader';
import { initialTtl, senderTtls } from '../../core/capture/senderTtl';
import { PresetSuggestion, suggestFromIperfText, suggestFromShb, suggestFromTtl } from './suggest';

/**
 * What a capture says of its sender's OS: a pcapng's Section Header Block (read by the core pcapng reader, through
 * gzip too), else the TTL of `sender`'s packets among the first 10 000.
 */
export async function suggestForCapture(file: string, sender?: string): Promise<PresetSuggestion | undefined> {
  const name = path.basename(file);
  const shb = suggestFromShb(await sectionHeaderFacts(file), name);
  if (shb) return shb;
  if (!sender) return undefined;
  const ttl = (await senderTtls(file)).get(sender);
  return ttl === undefined ? undefined : suggestFromTtl(sender, ttl, initialTtl(ttl), name);
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
