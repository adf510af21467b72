// Every configuration fixture cut at every tenth byte and with seeded byte flips: each read either succeeds or
// throws a ConfigFormatError / CounterFormatError naming the file; never another error.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigFormatError, explainQueueConfig, readConfigText } from '../../../src/core/config';
import { CounterFormatError } from '../../../src/core/counters';
import { fixturesDir } from '../../helpers/paths';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name === 'README.md' ? [] : [path.join(dir, e.name)]));
}

function tryRead(text: string, file: string): void {
  try {
    const p = readConfigText(text, file);
    explainQueueConfig([p]);
  } catch (e) {
    assert.ok(e instanceof ConfigFormatError || e instanceof CounterFormatError, `${file}: ${String(e)}`);
    assert.ok((e as Error).message.startsWith(file), (e as Error).message);
  }
}

describe('configuration readers on damaged input', () => {
  const all = files(path.join(fixturesDir, 'queue-config'));
  it(`${all.length} fixtures cut short at every tenth byte`, () => {
    for (const f of all) {
      const text = fs.readFileSync(f, 'utf8');
      for (let cut = 0; cut < text.length; cut += 10) tryRead(text.slice(0, cut), f);
    }
  });

  it('seeded byte flips (2 000 cases)', () => {
    let seed = 7;
    const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
    const chars = ' \n\t:=-"()[]{},.0123456789abcdefxq/';
    for (let i = 0; i < 2000; i++) {
      const f = all[rand(all.length)];
      const t = fs.readFileSync(f, 'utf8').split('');
      for (let k = 0; k < 1 + rand(5); k++) t[rand(t.length)] = chars[rand(chars.length)];
      tryRead(t.join(''), f);
    }
  });

  it('an absurd queue count is capped with a warning, not looped over', () => {
    const r = explainQueueConfig([readConfigText('/local/domain/1/device/vif/0/backend = "x"\n/local/domain/1/device/vif/0/multi-queue-num-queues = "99999999"\n', 'x')]);
    assert.equal(r.effective, 99999999);
    assert.equal(r.queues.length, 4096);
    assert.ok(r.warnings.some((w) => /more than any device has/.test(w)));
  });
});
