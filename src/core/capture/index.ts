// Public surface of the capture core: plain TypeScript, no vscode, safe in a worker thread.
export { analyseCaptures } from './analyse';
export type { ReadOptions } from './analyse';
export { CaptureFormatError } from './errors';
export { openCapture } from './open';
export { PACKET, NEED_MORE, END } from './chunkReader';
export type { ChunkReader, InterfaceInfo } from './chunkReader';
export { toFlowsJson } from '../flows/report';
export { DEFAULT_MAX_FLOWS, TABLE_BYTES_PER_SLOT } from '../flows/flowTable';
export type { FlowReport, FlowsJson, FlowJson, FlowWithSeries, TunnelRef, Endpoint, Direction, OtherFlows } from '../flows/report';
