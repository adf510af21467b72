// The JSON export: each model in the shape the CLI prints it (`flows --json`, `correlate --json`), so a file
// exported from the editor and the CLI's output can be compared field by field.
import { toFlowsJson } from '../flows/report';
import { flowLabel } from '../text';
import type { ExportModel } from './model';

export function jsonExport(m: ExportModel): string {
  const out: Record<string, unknown> = {};
  if (m.source !== undefined) out.source = m.source;
  if (m.capture) out.capture = { ...toFlowsJson(m.capture), file: m.name };
  if (m.spread) {
    const { title, note, problems, spread, flows } = m.spread;
    out.spread = { title, ...spread, flows: flows.map((f) => flowLabel(f.inner?.tuple ?? f.tuple)), note, problems };
  }
  if (m.sweep) out.sweep = { title: m.sweep.title, ...m.sweep.report, warnings: m.sweep.warnings };
  if (m.correlation) out.correlation = m.correlation;
  if (m.observed) out.observed = m.observed;
  return JSON.stringify(out, null, 2);
}
