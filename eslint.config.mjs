// Flat config: typescript-eslint's recommended rules over every TypeScript source.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-results/**', 'samples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Layers (docs/architecture.md): core knows nothing of VS Code, the webview protocol or the CLI; the extension never
  // calls the CLI; the webview is browser code. A wrong import fails `npm run lint`.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }],
        patterns: [{ group: ['**/shared/*', '**/extension/*', '**/webview/*', '**/cli/*'], message: 'src/core must not import the webview protocol, the extension, the webview or the CLI.' }],
      }],
    },
  },
  // The capture readers are the ground floor: flows, series and analyses are built above them, never the reverse.
  // (A later block replaces the rule's options for these files, so core's own restrictions are restated.)
  {
    files: ['src/core/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }],
        patterns: [
          { group: ['**/shared/*', '**/extension/*', '**/webview/*', '**/cli/*'], message: 'src/core must not import the webview protocol, the extension, the webview or the CLI.' },
          { group: ['**/flows', '**/flows/*', '**/analysis', '**/analysis/*', '**/iperf/*', '**/counters/*', '**/runs/*'], message: 'src/core/capture is below flows and analysis: it must not import them.' },
        ],
      }],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/*', '**/webview/*'], message: 'The extension must not call the CLI or import webview code; use src/core.' }] }],
    },
  },
  {
    files: ['src/webview/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'Browser code cannot import vscode.' }],
        patterns: [{ group: ['**/extension/*', '**/cli/*'], message: 'Browser code must not import the extension or the CLI.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }],
        patterns: [{ group: ['**/extension/*', '**/webview/*', '**/shared/*'], message: 'The CLI uses src/core only.' }],
      }],
    },
  },
  // One errorMessage() (src/core/text/error.ts): an inline `e instanceof Error ? e.message : …` is a copy of it.
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/core/text/error.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ConditionalExpression[test.type='BinaryExpression'][test.operator='instanceof'][test.right.name='Error'][consequent.type='MemberExpression'][consequent.property.name='message']",
        message: 'Use errorMessage(e) from src/core/text.',
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'test/fixtures/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
);
