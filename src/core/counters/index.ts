// Public surface of the counter readers: pure, from text; no vscode, no fs.
export * from './model';
export { detectCounterFormat, readCounters } from './detect';
export { counterDelta } from './delta';
export { imbalance } from './imbalance';
export { readInterrupts } from './interrupts';
export { parseSysfsListing, readSysfsQueues } from './sysfs';
