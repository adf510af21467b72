// The trace source: what queue-lens.bt recorded, read and joined into flows.
export { TraceDirection, TraceRow, TraceOther, TraceFile, TraceFormatError, TRACE_PROBES } from './model';
export { parseTrace } from './parse';
export { QueueMeaning, TraceQueueShare, TraceFlow, rowQueue, traceFlows, queueWireBytes } from './flows';
