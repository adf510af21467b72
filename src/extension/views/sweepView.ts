import type { SweepResult } from '../../core/export/model';
import type { SweepView } from '../../shared/protocol';
import { countOf } from '../../core/text';

/**
 * Compare Queue Counts as the webview draws it: the core sweep report, with the folder's name and every warning.
 * An exact preset the counters contradict leads the warnings and marks the title ("does not fit this run"), so
 * its modelled spreads are not read as what happened. `relative` turns absolute paths into workspace-relative ones.
 */
export function sweepView(r: SweepResult, relative: (text: string) => string = (t) => t): SweepView {
  const fit = r.report.presetFit;
  const misfit = fit && !fit.fits
    ? r.report.runs.find((x) => x.presetCheck && !x.presetCheck.fits)
    : undefined;
  const banner = fit && !fit.fits
    ? [`Preset ${fit.preset} does not fit this run: ${fit.by === 'throughput' ? 'the measured throughput contradicts' : 'the counters contradict'} it in ${fit.contradicted} of ${countOf(fit.runs, 'run')}` +
      `${misfit?.presetCheck?.reason ? ` (${misfit.name}, ${misfit.queues} queues: ${misfit.presetCheck.reason})` : ''}. ` +
      'Its queues are a prediction that does not hold here; choose another preset for this folder (Queue Lens: Choose Hash Preset).']
    : [];
  return {
    ...r.report,
    title: fit && !fit.fits ? `${r.title} — preset ${fit.preset} does not fit this run` : r.title,
    warnings: [...banner, ...r.warnings].map(relative),
  };
}
