// Which OS sent the traffic, as far as the files say so, and the preset that goes with it. A suggestion for the
// preset picker, never applied on its own. No vscode imports (unit-tested).
import type { PresetName } from '../../core/hashing';

export interface PresetSuggestion {
  preset: PresetName;
  /** What the file says, e.g. "Linux 6.18.44 in client.json". */
  evidence: string;
}

/** iperf3 -J `start.system_info`, iperf3 -V's "Linux host 6.1.0 …" line, a Windows iperf build's banner. */
export function suggestFromIperfText(text: string, fileName: string): PresetSuggestion | undefined {
  const head = text.slice(0, 256 * 1024);
  const sys = /"system_info"\s*:\s*"([^"]{1,300})"/.exec(head)?.[1] ?? /^(?:Linux|Windows|CYGWIN_NT|MINGW|MSYS_NT|FreeBSD|Darwin)\S* \S+ \S+.*$/m.exec(head)?.[0];
  const windows = /\b(?:CYGWIN_NT|MINGW|MSYS_NT|Windows|win32 threads|win64)/i.exec(sys ?? head);
  if (windows) return { preset: 'windows-pv-8.2-rss', evidence: `Windows (“${windows[0]}”) in ${fileName}` };
  const linux = sys && /^Linux \S+ (\d+\.\d+(?:\.\d+)?)/.exec(sys);
  if (linux) return { preset: 'linux-tx', evidence: `Linux ${linux[1]} in ${fileName}` };
  return undefined;
}

/**
 * The capture's own section header (core's sectionHeaderFacts): "Linux 6.18.44…" → linux-tx, "64-bit Windows 10…" →
 * the Windows RSS preset. The OS text is the file's: control characters become spaces before it is quoted.
 */
export function suggestFromShb(shb: { os?: string } | undefined, fileName: string): PresetSuggestion | undefined {
  const os = shb?.os?.replace(/[\p{Cc}]/gu, ' ').trim().slice(0, 200);
  if (!os) return undefined;
  if (/windows/i.test(os)) return { preset: 'windows-pv-8.2-rss', evidence: `${os} in ${fileName} (the capturing host)` };
  const linux = /Linux\s+(\d+\.\d+(?:\.\d+)?)/i.exec(os);
  if (linux) return { preset: 'linux-tx', evidence: `Linux ${linux[1]} in ${fileName} (the capturing host)` };
  return undefined;
}

/**
 * The TTL (hop limit) the sender's packets arrive with, rounded up to a stack's initial value: 128 → Windows,
 * 64 → Linux (or a BSD; the preset is the same model). Weakest evidence, used when the file names no OS.
 */
export function suggestFromTtl(sender: string, ttl: number, initial: number, fileName: string): PresetSuggestion | undefined {
  const seen = `TTL ${ttl} on ${sender}'s packets in ${fileName}`;
  if (initial === 128) return { preset: 'windows-pv-8.2-rss', evidence: `Windows by its initial TTL 128 (${seen})` };
  if (initial === 64) return { preset: 'linux-tx', evidence: `Linux or another Unix by its initial TTL 64 (${seen})` };
  return undefined;
}
