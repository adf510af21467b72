// Public surface of the queue-configuration readers.
export * from './model';
export * from './report';
export { CONFIG_FORMATS, detectConfigKind, readConfigText } from './detect';
export { CPU_SHARE, explainQueueConfig, queueCountDisagreement } from './explain';
export type { ExplainOptions } from './explain';
export { loadConfigInputs } from './load';
export type { LoadedConfig } from './load';
export { queueConfigJson, queuesFromInputs } from './configJson';
export type { ConfigJson, ConfigJsonOptions } from './configJson';
