// The standard @vscode/test-electron entry: VS Code's extension host calls run() and waits for it.
// The same file runs inside code-server (see test/runCodeServer.ts) and in desktop VS Code (test/runElectron.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  // QUEUE_LENS_SUITE_ONLY=issue15 runs only the files whose names contain it (code-server passes its environment on)
  const only = process.env.QUEUE_LENS_SUITE_ONLY ?? '';
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && f.includes(only)).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      // One machine-readable line for the launchers, whatever the reporter printed above it.
      console.log(`QUEUE_LENS_SUITE passed=${passed} failed=${failed}`);
      if (failed > 0) reject(new Error(`${failed} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
