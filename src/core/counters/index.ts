// Public surface of the counter readers: pure, from text; no vscode, no fs.
export * from './model';
export { detectCounterFormat, readCounters } from './detect';
export { counterDelta } from './delta';
export type { Named } from './delta';
export { BUSY_SHARE, busyQueueCount, imbalance } from './imbalance';
export type { Imbalance } from './imbalance';
export { readEthtool } from './ethtool';
export { readTcQdisc } from './tcQdisc';
export type { TcReadOptions } from './tcQdisc';
export { readTcClass } from './tcClass';
export { readInterrupts, readInterruptVectors } from './interrupts';
export type { InterruptVectors, QueueVector } from './interrupts';
export { readQstats } from './qstats';
export { parseSysfsListing, readSysfsQueues, sysfsQueueCounts } from './sysfs';
