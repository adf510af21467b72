// A traced run's config/ is read once: readRun's texts are passed on to readRunConfig, which reads a file only when
// its text is absent. Proven on a copy of the recorded fixture whose config files are deleted after readRun.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { observeTrace, readRunManifestIn } from '../../../src/core/analysis/observed/fromTrace';
import { readRunConfig } from '../../../src/core/analysis/observed/runConfig';
import { readRun } from '../../../src/core/runs/readRun';
import { fixturesDir } from '../../helpers/paths';

const src = path.join(fixturesDir, 'recorded', 'iperf3-p8-q4');

describe('a traced run\'s config is read once', () => {
  it('gives the same RunConfig from readRun\'s texts after the config files are gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cfg-once-'));
    try {
      fs.cpSync(src, dir, { recursive: true });
      const manifest = readRunManifestIn(dir)!;
      const run = readRun(dir);
      const fromFiles = readRunConfig(dir, manifest);
      assert.equal(fromFiles.driver, 'veth');
      assert.equal(fromFiles.warnings.length, 0);
      const before = observeTrace(dir, manifest, { run });
      for (const rel of Object.values(manifest.config)) fs.rmSync(path.join(dir, rel), { force: true });
      // without the texts the files are missed: the read really goes to disk
      const missed = readRunConfig(dir, manifest);
      assert.equal(missed.driver, undefined);
      assert.ok(missed.warnings.length > 0);
      // with them, nothing is read and nothing changes
      assert.deepEqual(readRunConfig(dir, manifest, run.config), fromFiles);
      assert.deepEqual(observeTrace(dir, manifest, { run }), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file whose text readRun did not give', () => {
    const manifest = readRunManifestIn(src)!;
    const run = readRun(src);
    const partial = { ...run.config };
    delete partial['ethtool -i'];
    assert.deepEqual(readRunConfig(src, manifest, partial), readRunConfig(src, manifest));
  });
});
