import * as fs from 'node:fs';

/** Debian packages the real-VS-Code layers need, each with a file that proves it is installed. */
const required: { pkg: string; file: string; why: string }[] = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'the browser the UI tests drive' },
  { pkg: 'libkrb5-dev', file: '/usr/include/gssapi/gssapi.h', why: "headers code-server's kerberos module compiles against" },
];

/** Stops with a clear message naming the missing packages, before anything slow starts. */
export function requireSystemPackages(): void {
  const missing = required.filter((r) => !fs.existsSync(r.file));
  if (missing.length === 0) return;
  const lines = missing.map((m) => `  - ${m.pkg}: ${m.why} (${m.file} not found)`);
  throw new Error(
    `Missing Debian packages for the real VS Code:\n${lines.join('\n')}\n` +
      `Install them with: sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}  (or: bash scripts/setup.sh)`,
  );
}
