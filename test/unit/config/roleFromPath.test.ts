import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { roleFromPath } from '../../../src/core/config/model';

test('a snapshot\'s role comes from its name or its own folder, never from a folder higher up', () => {
  assert.equal(roleFromPath('queue-config/dom0-netback/proc-interrupts-after.txt'), 'dom0');
  assert.equal(roleFromPath('snaps/host-cmdline.txt'), 'dom0');
  assert.equal(roleFromPath('/data/host-a/run1/config/cmdline.txt'), 'guest');
  assert.equal(roleFromPath('/srv/backend/runs/guest-interrupts.txt'), 'guest');
});
