// --preset is checked once, where each subcommand reads it: an unknown name is a usage error (exit 1) that lists
// the names it knows ('uniform' too where the command takes the plain model), before any file is read.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { PRESET_NAME_LIST } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const run = path.join(fixturesDir, 'iperf3-tcp8-json');
const other = path.join(fixturesDir, 'iperf3-udp4-text');

/** Each subcommand with --preset, the rest of a valid call, and whether 'uniform' is one of its presets. */
const CALLS: Array<[string, string[], boolean]> = [
  ['hash', ['--src', '10.0.0.1:40000', '--dst', '10.0.0.2:5201'], false],
  ['plan', ['--src', '10.0.0.1', '--dst', '10.0.0.2:5201', '--flows', '8', '--queues', '4'], false],
  ['observed', [run], false],
  ['spread --capture', ['--capture', path.join(run, 'capture.pcapng')], false],
  ['spread', ['--flows', '8', '--queues', '1-4'], true],
  ['sweep', [run], true],
  ['compare', [run, other], true],
  ['threshold', ['--streams', '8', '--queues', '4', '--max-spread', '0.5'], true],
  ['export', [run, '--json'], true],
];

describe('queue-lens --preset with a name Queue Lens does not know', () => {
  for (const [name, rest, uniform] of CALLS) {
    it(`${name}: a usage error naming the known presets`, async () => {
      const r = await runCli([name.split(' ')[0], ...rest, '--preset', 'no-such']);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, '');
      const known = (uniform ? ['uniform', ...PRESET_NAME_LIST] : [...PRESET_NAME_LIST]).join(', ');
      assert.equal(r.err, `queue-lens ${name.split(' ')[0]}: unknown preset 'no-such' (known: ${known})\n`);
    });
  }

  it('a known name passes the check (the same calls with a real preset do not stop at --preset)', async () => {
    const r = await runCli(['hash', '--src', '10.0.0.1:40000', '--dst', '10.0.0.2:5001', '--preset', 'nic-rss-toeplitz']);
    // §5.5 of docs/spec/queue-hashing.md: 10.0.0.1:40000 → 10.0.0.2:5001 under the MS key hashes to 0x0c863309
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^hash=0x0c863309 queue=\d\n$/);
  });
});
