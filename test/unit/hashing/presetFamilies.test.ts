// The preset families (src/core/hashing/presets/): one object each, listed in the name list's order, and computing
// exactly what the presets computed before they were split into objects (test/fixtures/hashing/preset-outputs.json,
// over the published vectors; see presetOutputs.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePreset, hashInput, PRESET_FAMILIES, PRESET_NAME_LIST, PRESETS, presetInfo } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';
import { allOutputs, PresetCase } from './presetOutputs';

const before = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'hashing', 'preset-outputs.json'), 'utf8')) as Record<string, Record<string, PresetCase>>;

test('one family object per preset name, in the list order, with its info and capabilities', () => {
  assert.deepEqual(PRESET_FAMILIES.map((f) => f.info.name), [...PRESET_NAME_LIST]);
  PRESET_FAMILIES.forEach((f, i) => {
    assert.equal(PRESETS[i], f.info, f.info.name);
    assert.equal(presetInfo(f.info.name), f.info);
    assert.equal(f.info.caps, f.capabilities, `${f.info.name}: info.caps is the family's capabilities`);
    assert.equal(f.info.exact, f.capabilities.kind === 'exact', f.info.name);
    assert.equal(compilePreset(f.info.name, 4, f.info.name === 'custom' ? { key: new Uint8Array(40).fill(0x6d) } : {}).info, f.info);
  });
});

test('every family computes, for n = 1..8 on the published vectors, what the presets computed before the split', () => {
  const now = allOutputs();
  assert.deepEqual(Object.keys(before), [...PRESET_NAME_LIST], 'the reference covers every preset');
  let flowsCompared = 0;
  for (const preset of PRESET_NAME_LIST) {
    assert.deepEqual(Object.keys(now[preset]), Object.keys(before[preset]), preset);
    for (const [set, ref] of Object.entries(before[preset])) {
      assert.deepEqual(now[preset][set], ref, `${preset} ${set}`);
      for (const at of ref.byN) if ('flows' in at && at.flows) flowsCompared += at.flows.length;
    }
  }
  // the reference is not empty: hashes and queues of deterministic presets were compared
  assert.ok(flowsCompared > 1000, `${flowsCompared} flow results compared`);
});

test('a family rejects what it rejected before: n, unknown names, inconsistent options', () => {
  assert.throws(() => compilePreset('windows-pv-8.1', 0), /number of queues must be a positive integer, not 0/);
  // @ts-expect-error -- a name the type rejects: an untyped caller (a JS script) still gets a clear RangeError
  assert.throws(() => compilePreset('nope', 4), /unknown preset 'nope' \(known: linux-netfront, /);
  // @ts-expect-error -- as above
  assert.throws(() => hashInput('nope', 'tcp'), /unknown preset 'nope'/);
  assert.throws(() => compilePreset('custom', 4), /preset 'custom' needs a Toeplitz key/);
  assert.throws(() => compilePreset('linux-xps-pinned', 4, { cpu: -1 }), /--cpu must be a CPU number, not -1/);
});
