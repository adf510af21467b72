import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIGURE_HELP } from '../../../src/shared/figureHelp';
import { repoRoot } from '../../helpers/paths';

describe('figure explanations', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'figures.md'), 'utf8');
  for (const [key, text] of Object.entries(FIGURE_HELP)) {
    it(`docs/figures.md carries the hover text of "${key}" word for word`, () => {
      assert.ok(doc.includes(text), `docs/figures.md lacks: ${text}`);
    });
  }
  it('every explanation says what the figure is in one line', () => {
    for (const text of Object.values(FIGURE_HELP)) assert.ok(!text.includes('\n') && text.length < 220, text);
  });
});
