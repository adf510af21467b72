// The layer rules of eslint.config.mjs, through ESLint's own API: a wrong import fails `npm run lint`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../../helpers/paths';

const eslint = new ESLint({ cwd: repoRoot });

/** The no-restricted-imports messages for `code` as if it were the file at `file` (relative to the repository). */
async function layerErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('reject a core file importing vscode', async () => {
    const errors = await layerErrors("import * as vscode from 'vscode';\nexport const x = vscode.version;\n", 'src/core/x.ts');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /src\/core must not depend on VS Code/);
  });

  it('reject a core file importing the webview protocol', async () => {
    const errors = await layerErrors("import type { SpreadView } from '../shared/protocol';\nexport type X = SpreadView;\n", 'src/core/x.ts');
    assert.equal(errors.length, 1);
  });

  it('reject an extension file importing the CLI', async () => {
    const errors = await layerErrors("import { main } from '../cli/main';\nexport const run = main;\n", 'src/extension/x.ts');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /must not call the CLI/);
  });

  it('reject a capture reader importing flows (capture is below flows)', async () => {
    const errors = await layerErrors("import type { FlowReport } from '../flows/report';\nexport type X = FlowReport;\n", 'src/core/capture/x.ts');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /capture is below flows/);
    // the same import from flows is the right direction
    assert.deepEqual(await layerErrors("import type { Decoded } from '../capture/decode';\nexport type X = Decoded;\n", 'src/core/flows/x.ts'), []);
    // and core's own restrictions still hold in capture
    assert.equal((await layerErrors("import * as vscode from 'vscode';\nexport const x = vscode.version;\n", 'src/core/capture/x.ts')).length, 1);
  });

  it('pass clean files of each layer', async () => {
    assert.deepEqual(await layerErrors("import { parseIp } from './hashing';\nexport const ip = parseIp('10.0.0.1');\n", 'src/core/x.ts'), []);
    assert.deepEqual(await layerErrors("import * as vscode from 'vscode';\nimport { parseIp } from '../core/hashing';\nexport const v = [vscode.version, parseIp('::1')];\n", 'src/extension/x.ts'), []);
  });
});
