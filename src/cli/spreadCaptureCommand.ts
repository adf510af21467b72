// `queue-lens spread --capture FILE`: the capture editor's queue view (its data flows, the preset's queues and odds for
// n = 1..N) from the command line; an n the preset cannot be computed for prints its error.
import { captureSpreadFlows } from '../core/analysis/spread/captureSpreadFlows';
import { isFailedRow, QueueSpread, queueSpread } from '../core/analysis/spread/queueSpread';
import { CaptureFormatError } from '../core/capture';
import { analyseCaptures } from '../core/flows';
import { flowLabel, hex32 } from '../core/text';
import { HASH_USAGE, PRESET_ARG_OPTIONS, readPresetArgs } from './hashCommand';
import { CliIo, parseCliArgs, UsageError } from './io';

const SPREAD_CAPTURE_USAGE = `usage: queue-lens spread --capture FILE --preset P [--queues N] [--model A|B] [--tunnel-hashing outer|inner]
                         [--key HEX] [--table FILE] [--fields 2|4] [--sym-xor] [--seed S] [--json]
  The capture editor's queue view: the data flows (each ≥ 1 % of the bytes; a tunnelled flow and its carriers count
  once), each flow's queue (exact presets, or a model with --seed) and the model odds for n = 1..N (default 8).
  --json prints {flows, note, spread}, the editor's model. Preset options as for queue-lens hash:
${HASH_USAGE.split('\n').slice(2).join('\n')}`;

function renderText(file: string, note: string, s: QueueSpread, labels: string[]): string {
  const kind = s.exact ? 'exact' : s.deterministic ? 'model (seeded draw)' : 'model';
  const lines = [`${file}: ${note}`, `preset ${s.preset} (${kind}), throughput model ${s.model}`, ''];
  for (const r of s.rows) {
    if (isFailedRow(r)) { lines.push(`n=${r.n}  error: ${r.error}`); continue; }
    const loads = r.loads ? `  flows per queue ${r.loads.join(' / ')}` : '';
    lines.push(`n=${r.n}${loads}  P(balanced) ${r.pBalanced.toFixed(6)} (modelled)  E[max load] ${r.expectedMax.toFixed(6)} (modelled)`);
    if (r.assignments) r.assignments.forEach((a, i) => lines.push(`     ${labels[i]}  hash=${hex32(a.hash)} queue=${a.queue}`));
  }
  return lines.join('\n') + '\n';
}

export async function spreadCaptureCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs({
    args: argv,
    options: { ...PRESET_ARG_OPTIONS, capture: { type: 'string' }, model: { type: 'string' }, 'tunnel-hashing': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  }, SPREAD_CAPTURE_USAGE);
  if (values.help) { io.out(SPREAD_CAPTURE_USAGE); return 0; }
  const file = values.capture;
  if (!file) throw new UsageError(`--capture FILE is required\n${SPREAD_CAPTURE_USAGE}`);
  const model = values.model ?? 'A';
  if (model !== 'A' && model !== 'B') throw new UsageError(`--model must be A or B, not '${model}'`);
  const tunnelHashing = values['tunnel-hashing'] ?? 'outer';
  if (tunnelHashing !== 'outer' && tunnelHashing !== 'inner') throw new UsageError(`--tunnel-hashing must be outer or inner, not '${tunnelHashing}'`);
  const a = readPresetArgs(values, io);
  // the editor's default (queueLens.maxQueues), not the table's queue count: the view shows 1..N
  const q = values.queues;
  const maxQueues = q === undefined ? 8 : Number(q);
  if (maxQueues > 256) throw new UsageError(`--queues must be 1..256, not '${q}'`);
  let report;
  try {
    report = await analyseCaptures([file], { allowFifo: true });
  } catch (e) {
    if (e instanceof CaptureFormatError) { io.err(`queue-lens spread: ${e.message}\n`); return 2; }
    throw e;
  }
  for (const w of report.warnings) io.err(`queue-lens spread: warning: ${w}\n`);
  const { flows, note } = captureSpreadFlows(report, tunnelHashing);
  const spread = queueSpread(flows, a.preset, maxQueues, a.opts, model);
  if (values.json) { io.out(`${JSON.stringify({ flows, note, spread })}\n`); return 0; }
  const labels = flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple));
  io.out(renderText(file, note, spread, labels));
  return 0;
}
