// Public surface of the capture readers (the ground floor: flows are built above it, in ../flows).
export { CaptureFormatError } from './errors';
export { openCapture } from './open';
export { NEED_MORE, END } from './chunkReader';
export type { ChunkReader } from './chunkReader';
