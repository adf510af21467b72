// `npm test`: builds, then runs the layers — unit (plain Node), system (root: a real kernel, namespaces, bpftrace),
// extension host (real VS Code in code-server) and UI (Chromium driving that VS Code) — and prints a summary line per layer.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { must, run } from './run.mjs';

const require = createRequire(import.meta.url);
const layers = [];
const t0 = Date.now();
const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);

/** Reads node's test runner closing lines ("ℹ pass N" / "ℹ fail N"). */
function nodeTestCounts(text) {
  const n = (k) => Number(new RegExp(`^[ℹ#] ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { passed: n('pass'), failed: n('fail') };
}

// A clean out/: a test file renamed or removed must not run from an earlier build.
fs.rmSync(new URL('../out', import.meta.url), { recursive: true, force: true });
await must('npx', ['tsc', '-p', 'tsconfig.json']);
await must('npm', ['run', '--silent', 'package']);

let t = Date.now();
const unit = await run('node', ['--test', '--test-reporter=spec', 'out/test/unit/']);
layers.push({ name: 'unit', ...nodeTestCounts(unit.text), code: unit.code, s: seconds(t) });

// System layer: root-only tests on a real kernel (namespaces, veth, bpftrace); each skips with its reason otherwise.
t = Date.now();
const system = await run('node', ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/system/']);
layers.push({ name: 'system', ...nodeTestCounts(system.text), skipped: Number(/^[ℹ#] skipped (\d+)$/m.exec(system.text)?.[1] ?? 0), code: system.code, s: seconds(t) });

try {
  require('../out/test/harness/systemPackages.js').requireSystemPackages();
} catch (e) {
  console.error(`\n${e.message}`);
  process.exit(3);
}
require('../out/test/harness/codeServer.js').ensureCodeServer();

t = Date.now();
const host = await run('node', ['out/test/runCodeServer.js']);
const hm = /^vscode: (\d+) passed, (\d+) failed$/m.exec(host.text);
layers.push({ name: 'extension-host', passed: Number(hm?.[1] ?? NaN), failed: Number(hm?.[2] ?? NaN), code: host.code, s: seconds(t) });

t = Date.now();
const ui = await run('node', ['--test', '--test-reporter=spec', '--test-concurrency=1', 'out/test/ui/']);
layers.push({ name: 'ui', ...nodeTestCounts(ui.text), code: ui.code, s: seconds(t) });

console.log('\nSummary');
let passed = 0;
let failed = 0;
let ok = true;
for (const l of layers) {
  const counted = Number.isFinite(l.passed) && Number.isFinite(l.failed);
  console.log(`  ${l.name.padEnd(15)} ${counted ? `${l.passed} passed, ${l.failed} failed${l.skipped ? `, ${l.skipped} skipped` : ''}` : 'no result line'}  (${l.s} s, exit ${l.code})`);
  if (!counted || l.code !== 0 || l.failed > 0 || (l.passed === 0 && !l.skipped)) ok = false;
  if (counted) { passed += l.passed; failed += l.failed; }
}
console.log(`  total ${seconds(t0)} s`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
