// The trace source: what queue-lens.bt recorded, read and joined into flows.
export { TraceDirection, TraceRow, TraceFile, TraceFormatError } from './model';
export { parseTrace } from './parse';
export { QueueMeaning, TraceFlow, rowQueue, traceFlows, queueWireBytes } from './flows';
