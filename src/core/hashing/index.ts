// Public API of the hashing engine (no vscode imports: shared by the extension, CLI and analysis).
export { FlowTuple, ParsedFlow, parseFlow } from './flow';
export { parseIp, parseEndpoint, parsePort, formatEndpoint } from './ip';
export {
  PresetInfo, PresetOptions, PRESETS, PRESET_NAMES, PRESET_NAME_LIST, PresetName, PresetCapabilities, isPresetName,
  CompiledPreset, DEFAULT_TABLE_SIZE, presetInfo, compilePreset, queueOf, queueWeights, HashInput, hashInput, PresetFamily, PRESET_FAMILIES,
} from './presets';
export { ENA_FIXED_KEY, ENA_DRIVERS, ENA_TABLE_SIZE, EnaDriver, enaFixedKeyHash, enaConfigurableHash } from './ena';
export { XpsMap, parseCpuMask, parseXpsCpus, xpsQueuesOfCpu, defaultXpsMap, xpsChoice } from './xps';
export { FlowType, RxFlowHash, parseRxFlowHash, NetAdapterRss, parseGetNetAdapterRss, netAdapterRssQueues } from './nicConfig';
export {
  MS_RSS_KEY, SYMMETRIC_RSS_KEY, HashFields, ToeplitzHasher, toeplitzHasher, toeplitzReference, toeplitzInput,
  keyWindow, parseHexKey,
} from './toeplitz';
export {
  defaultTable, isPowerOfTwo, indexByMask, indexByMod, tableWeights, EthtoolRxfh, parseEthtoolX, parseTableText,
} from './indirection';
export {
  netfrontQueue, reciprocalScale, linuxTxQueue, netbackQueue, nicRssQueue, xenvif81Queue, xenvif82Queue,
  XenvifHashAlgorithm,
} from './selectors';
export { jhash, jhash2, jhash3wordsOld, jhash3wordsNew, jhash1wordOld, jhash1wordNew, JHASH_INITVAL } from './jhash';
export { siphash24, siphash24Halves, sipKeyFromSeed } from './siphash';
export { FlowHashEra, linuxFlowHash, flowHashLinux316, flowHashLinux42, flowHashLinuxSiphash, flowKeysBytes68 } from './flowHash';
export { xenvifHash8, xenvifHash8Bytes } from './xenvif';
export {
  PlanRequest, PlanResult, PortChoice, planPorts, isBalanced, iperf3Command, iperf2Commands, SourcePlan, planSources,
} from './planner';
export { parseSeed, parsePortRange, PresetArgText, presetOptionsFromText, checkPresetArgs } from './args';
