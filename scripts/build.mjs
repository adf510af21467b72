// Three esbuild bundles (plus the analysis worker) into dist/. `--watch` rebuilds on change.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'es2022' };

const builds = [
  // Extension host: Node, CommonJS, `vscode` provided by the host.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // Analysis (capture reading, spreads, sweeps, correlation, planning) runs in worker threads so the extension host never blocks.
  { ...common, entryPoints: ['src/extension/worker/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', format: 'cjs' },
  // Webview: browser IIFE with chart.js bundled in (no remote resources allowed by the CSP).
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  // Command line: Node, runnable as `queue-lens`.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', external: ['@duckdb/node-api'], banner: { js: '#!/usr/bin/env node' } },
];

// The tracer `queue-lens record` starts: shipped beside the CLI bundle, never built from file content.
fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('src/core/trace/queue-lens.bt', 'dist/queue-lens.bt');

if (process.argv.includes('--watch')) {
  // The start/finish lines let VS Code's watch task (.vscode/tasks.json) know when a rebuild is done.
  let busy = 0;
  let errors = 0;
  const announce = { name: 'announce', setup(build) {
    build.onStart(() => { if (busy++ === 0) { errors = 0; console.log('[watch] build started'); } });
    build.onEnd((r) => { errors += r.errors.length; if (--busy === 0) console.log(`[watch] build finished, ${errors} errors`); });
  } };
  for (const b of builds) await (await esbuild.context({ ...b, plugins: [announce] })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
