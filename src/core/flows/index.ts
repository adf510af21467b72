// Public surface of the flow core (above the capture readers): a capture's flows, their table, series and report.
export { analyseCaptures } from './analyse';
export { toFlowsJson } from './report';
export type { FlowReport, FlowJson } from './report';
