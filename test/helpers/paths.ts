import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file holding package.json. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

/** Every fixture a test reads lives here, inside the repository (test/fixtures/README.md says where each came from). */
export const fixturesDir: string = path.join(repoRoot, 'test', 'fixtures');

/** Every recorded case folder (a capture, its iperf logs and a tshark-derived reference.json). */
export function fixtureCases(): string[] {
  return fs
    .readdirSync(fixturesDir)
    .filter((d) => fs.existsSync(path.join(fixturesDir, d, 'reference.json')))
    .sort();
}
