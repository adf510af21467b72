// Small process helpers shared by the start and test scripts.
import { spawn } from 'node:child_process';

/** Runs a command, echoing its output; resolves with exit code and the captured text. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let text = '';
    child.stdout.on('data', (d) => { text += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { text += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** Like run(), but stops the script when the command fails. */
export async function must(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed with exit code ${r.code}`);
    process.exit(r.code);
  }
  return r;
}
