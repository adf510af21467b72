// npm run fuzz -- --iterations N --seed S [--workers W] [--start K] [--save DIR]
// npm run fuzz -- --hostile: the fixed hostile cases of issue 12 (hostileCases.ts) instead of seeded mutations.
// Runs N seeded mutation cases of the shared fixtures; exit code 1 when any case fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCorpus } from './corpus';
import { makeCase } from './mutate';
import { formatSummary, runFuzz } from './runner';
import { HOSTILE_CASES } from './hostileCases';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a non-negative integer, not ${process.argv[i + 1]}`);
  return v;
}

async function main(): Promise<void> {
  const hostile = process.argv.includes('--hostile');
  const seed = arg('seed', 1);
  const iterations = arg('iterations', hostile ? HOSTILE_CASES : 2000);
  const workers = arg('workers', 2);
  const start = arg('start', 0);
  const saveAt = process.argv.indexOf('--save');
  const s = await runFuzz({
    seed, iterations, workers, start, hostile,
    // Hostile cases are big on purpose (a 200 000-warning file, a 250 000-flow capture): 30 s each.
    ...(hostile ? { limitMs: 30_000 } : {}),
    onProgress: (done, failed) => { if (done % 10000 === 0) process.stderr.write(`  ${done} cases, ${failed} failed\n`); },
  });
  console.log(`command: npm run fuzz -- ${hostile ? '--hostile ' : ''}--iterations ${iterations} --seed ${seed}${start ? ` --start ${start}` : ''} (workers ${workers})`);
  console.log(formatSummary(s));
  if (saveAt >= 0 && s.failures.length > 0 && !hostile) {
    // Failing inputs written out for a debugger or a regression test.
    const dir = process.argv[saveAt + 1];
    fs.mkdirSync(dir, { recursive: true });
    const corpus = loadCorpus();
    for (const f of s.failures) {
      const c = makeCase(corpus, seed, f.index);
      const file = path.join(dir, `case-${f.index}${c.kind === 'capture' ? c.ext : '.log'}`);
      fs.writeFileSync(file, c.kind === 'capture' ? c.bytes : c.text);
    }
    console.log(`failing inputs saved in ${dir}`);
  }
  process.exitCode = s.failed > 0 ? 1 : 0;
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
