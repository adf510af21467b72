// Public API of the hashing engine (no vscode imports: shared by the extension, CLI and analysis).
export { FlowTuple, parseFlow } from './flow';
export { parseIp, parseEndpoint } from './ip';
export {
  PresetInfo, PresetOptions, PRESETS, PRESET_NAMES, PRESET_NAME_LIST, PresetName, isPresetName,
  CompiledPreset, presetInfo, compilePreset, queueOf, queueWeights, HashInput, hashInput, PRESET_FAMILIES,
} from './presets';
export { ENA_FIXED_KEY, EnaDriver, enaFixedKeyHash, enaConfigurableHash } from './ena';
export { XpsMap, parseXpsCpus, xpsQueuesOfCpu, xpsChoice } from './xps';
export { parseRxFlowHash, parseGetNetAdapterRss, netAdapterRssQueues } from './nicConfig';
export {
  MS_RSS_KEY, SYMMETRIC_RSS_KEY, HashFields, ToeplitzHasher, toeplitzHasher, toeplitzReference, toeplitzInput,
  keyWindow, parseHexKey,
} from './toeplitz';
export {
  defaultTable, indexByMask, indexByMod, tableWeights, EthtoolRxfh, parseEthtoolX, parseTableText,
} from './indirection';
export {
  netfrontQueue, reciprocalScale, netbackQueue, nicRssQueue, xenvif81Queue, xenvif82Queue,
} from './selectors';
export { jhash, jhash2, jhash3wordsOld, jhash3wordsNew, jhash1wordOld, jhash1wordNew } from './jhash';
export { siphash24, sipKeyFromSeed } from './siphash';
export { linuxFlowHash, flowHashLinux316, flowHashLinux42, flowHashLinuxSiphash, flowKeysBytes68 } from './flowHash';
export { xenvifHash8, xenvifHash8Bytes } from './xenvif';
export {
  PlanRequest, PlanResult, PortChoice, planPorts, isBalanced, iperf3Command, iperf2Commands, planSources,
} from './planner';
export { parsePortRange, PresetArgText, presetOptionsFromText, checkPresetArgs } from './args';
