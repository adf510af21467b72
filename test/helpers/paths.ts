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

/** ../shared beside the clone (CI lays it there); QUEUE_LENS_SHARED overrides. */
export const sharedDir: string = process.env.QUEUE_LENS_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const sharedFixtures: string = path.join(sharedDir, 'fixtures');
export const ownFixtures: string = path.join(repoRoot, 'test', 'fixtures');

/** Every case folder of ../shared/fixtures that has a reference.json. */
export function fixtureCases(): string[] {
  return fs
    .readdirSync(sharedFixtures)
    .filter((d) => fs.existsSync(path.join(sharedFixtures, d, 'reference.json')))
    .sort();
}
