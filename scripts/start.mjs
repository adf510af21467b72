// `npm start`: build and package Queue Lens, install it into the bundled VS Code (code-server 1.139)
// and open the samples/ workspace at a printed http://127.0.0.1:PORT URL. Ctrl+C stops it.
//   --desktop      install the .vsix into desktop VS Code (`code` on PATH) and open samples/ there instead
//   --port N       bind this port (default 8080, or a free one if 8080 is taken)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { must } from './run.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const vsix = path.join(root, 'dist', 'queue-lens.vsix');
const samples = path.join(root, 'samples');

await must('npx', ['tsc', '-p', 'tsconfig.json']);
if (!args.includes('--desktop')) {
  // Name a missing Debian package now, not after minutes of compiling code-server.
  try {
    require('../out/test/harness/systemPackages.js').requireSystemPackages();
  } catch (e) {
    console.error(`\n${e.message}\nOr run: bash scripts/setup.sh`);
    process.exit(3);
  }
}
await must('npm', ['run', '--silent', 'package']);

if (args.includes('--desktop')) {
  execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  execFileSync('code', [samples], { stdio: 'inherit' });
  process.exit(0);
}

const { ensureCodeServer, startCodeServer, freePort } = require('../out/test/harness/codeServer.js');
ensureCodeServer();

const portArg = args.indexOf('--port');
const wanted = portArg >= 0 ? Number(args[portArg + 1]) : 8080;
const isFree = (port) => new Promise((resolve) => {
  const s = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
});
const port = (await isFree(wanted)) ? wanted : await freePort();
const server = await startCodeServer({ vsix, port });
console.log(`\nQueue Lens is running in VS Code at:\n\n  ${server.url(samples)}\n\nOpen it in a browser. Ctrl+C stops the server.`);
const stop = async () => { await server.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
