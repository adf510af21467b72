// Public surface of the queue-configuration readers.
export * from './model';
export * from './report';
export { CONFIG_FORMATS, detectConfigKind, readConfigText } from './detect';
export { explainQueueConfig, queueCountDisagreement } from './explain';
export { loadConfigInputs } from './load';
export { queueConfigJson } from './configJson';
export type { ConfigJson } from './configJson';
