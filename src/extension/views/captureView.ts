import type { FlowReport } from '../../core/flows';
import { linkTypeNames } from '../../core/export/htmlReport';
import { flowLabel } from '../../core/text';
import { sparkline } from '../../core/flows/sparkline';
import type { CaptureView, FlowSeriesView, FlowView, SpreadView } from '../../shared/protocol';
import { totalBytes, tunnelTree } from '../documents/captureFlows';

/** At most this many points per chart line: more cannot be seen and would slow the charts down. */
const MAX_CHART_POINTS = 1000;
const MAX_SERIES = 32;

/** Sums runs of `factor` bins into one. */
function coarsen(values: readonly number[], factor: number): number[] {
  if (factor <= 1) return [...values];
  const out = new Array<number>(Math.ceil(values.length / factor)).fill(0);
  values.forEach((v, i) => { out[Math.floor(i / factor)] += v; });
  return out;
}

/** Throughput over time of the largest flows (both directions); a tunnel's carriers are drawn once, as its inner flow. */
function captureSeries(report: FlowReport, factor: number, carrier: boolean[]): FlowSeriesView[] {
  return report.flows.filter((_, i) => !carrier[i])
    .sort((x, y) => totalBytes(y) - totalBytes(x))
    .slice(0, MAX_SERIES)
    .map((f) => ({
      label: flowLabel({ proto: f.proto, src: f.a, dst: f.b }),
      bytes: coarsen(f.series.aToB.map((b, i) => b + (f.series.bToA[i] ?? 0)), factor),
    }));
}

/**
 * The part of a flow report the webview shows: nothing it does not draw. Paths in warnings (the reader names the
 * file it was given, in full) go through `relative`: the extension writes them as the Explorer does.
 */
export function captureView(report: FlowReport, fileName: string, spread?: SpreadView, relative: (text: string) => string = (t) => t): CaptureView {
  const factor = Math.ceil(report.timeline.packets.length / MAX_CHART_POINTS);
  const { parent, carrier } = tunnelTree(report.flows);
  return {
    fileName,
    format: report.compression ? `${report.compression}-compressed ${report.format}` : report.format,
    linkTypes: report.linkTypes,
    linkTypeNames: linkTypeNames(report.linkTypes),
    packets: report.packets,
    bytes: report.bytes,
    start: report.start,
    duration: report.duration,
    binMs: report.binMs * Math.max(1, factor),
    timeline: { packets: coarsen(report.timeline.packets, factor), bytes: coarsen(report.timeline.bytes, factor) },
    flows: report.flows.map(({ series, ...flow }, i): FlowView => ({ ...flow, spark: sparkline(series.aToB, series.bToA), parent: parent[i], isCarrier: carrier[i] })),
    warnings: report.warnings.map(relative),
    comments: report.comments,
    interfaces: report.interfaces.map((i) => ({ name: i.name, linkType: i.linkType, drops: i.drops })),
    series: captureSeries(report, factor, carrier),
    spread,
  };
}
