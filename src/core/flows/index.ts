// Public surface of the flow core (above the capture readers): a capture's flows, their table, series and report.
export { analyseCaptures } from './analyse';
export type { ReadOptions } from './analyse';
export { toFlowsJson } from './report';
export { DEFAULT_MAX_FLOWS, TABLE_BYTES_PER_SLOT } from './flowTable';
export type { FlowReport, FlowsJson, FlowJson, FlowWithSeries, TunnelRef, Endpoint, Direction, OtherFlows } from './report';
