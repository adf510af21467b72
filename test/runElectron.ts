// Runs test/suite in a downloaded desktop VS Code (needs internet: use it on laptops and public CI).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './helpers/paths';

runTests({
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: path.join(repoRoot, 'out', 'test', 'suite', 'index.js'),
  launchArgs: [path.join(repoRoot, 'samples'), '--disable-extensions', '--disable-workspace-trust'],
}).catch((e: unknown) => {
  console.error(`test:electron failed: ${String(e)}`);
  process.exitCode = 1;
});
