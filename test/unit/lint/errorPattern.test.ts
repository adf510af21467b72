// The rule of eslint.config.mjs that keeps one errorMessage(): an inline copy of its body fails `npm run lint`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../../helpers/paths';

const eslint = new ESLint({ cwd: repoRoot });

/** The no-restricted-syntax messages for `code` as if it were the file at `file` (relative to the repository). */
async function syntaxErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const INLINE = 'export function f(run: () => void): string {\n  try { run(); return \'\'; } catch (err) { return `failed: ${err instanceof Error ? err.message : String(err)}`; }\n}\n';
const CALL = "import { errorMessage } from '../text';\nexport function f(run: () => void): string {\n  try { run(); return ''; } catch (err) { return `failed: ${errorMessage(err)}`; }\n}\n";

describe('the inline error-message rule', () => {
  it('rejects the inline pattern in src and in test', async () => {
    for (const file of ['src/core/runs/x.ts', 'src/extension/x.ts', 'src/cli/x.ts', 'test/unit/x.test.ts']) {
      const errors = await syntaxErrors(INLINE, file);
      assert.equal(errors.length, 1, file);
      assert.match(errors[0], /errorMessage\(e\)/);
    }
  });

  it('passes a call of errorMessage(), and other uses of instanceof Error', async () => {
    assert.deepEqual(await syntaxErrors(CALL, 'src/core/runs/x.ts'), []);
    const other = "export const name = (e: unknown): string => (e instanceof Error ? e.name : 'thrown');\n";
    assert.deepEqual(await syntaxErrors(other, 'src/core/runs/x.ts'), []);
  });

  it('allows the one definition', async () => {
    assert.deepEqual(await syntaxErrors('export function errorMessage(e: unknown): string {\n  return e instanceof Error ? e.message : String(e);\n}\n', 'src/core/text/error.ts'), []);
  });
});
