// Public API of the probability-of-imbalance and throughput models (no vscode imports).
export { Fraction, fraction, fractionToNumber, formatFraction } from './arith';
export { FlowClass, FlowsSpec, flowClasses } from './flowSpace';
export { uniformWeights, normaliseWeights, integerWeights } from './weights';
export {
  MaxLoadDistribution, ExactMaxLoadDistribution, maxLoadDistribution, maxLoadDistributionExact, toFloatDistribution,
  pBalanced, pBalancedExact, expectedMax, expectedMaxExact,
} from './maxLoad';
export { occupiedDistribution, occupiedDistributionExact, expectedOccupied } from './occupancy';
export {
  ThroughputModel, ValueDistribution, throughputDistribution, expectedThroughput, balancedThroughput,
} from './throughput';
export { RunComparison, compareDistributions, BlipResult, blipProbability } from './blip';
export { MeasuredRun, CapacityFit, fitQueueCapacity, fitBestCapacity } from './fit';
export { Xoshiro128 } from './prng';
export { MonteCarloOptions, MonteCarloResult, simulate } from './monteCarlo';
export { lnGamma, regularizedGammaP, regularizedGammaQ, chiSquareCdf, chiSquareSurvival, poolCells, pearson } from './chiSquare';
export { TxTrial, TxQueuesRow, TxQueuesCheck, parseTxQueues, checkTxQueues, partitions, partitionProbability } from './realKernel';
export { realKernelMarkdown } from './realKernelReport';
export { UNIFORM, presetWeights, blipByPreset } from './presets';
export { EmpiricalSpread, empiricalSpread } from './empirical';
export { SweepRunInput, SweepManifestRun, RunThroughput, queueCountFromName, parseSweepManifest, sweepTest, runThroughput } from './sweepInput';
export { SweepOptions, RunSpread, SweepRun, SweepPoint, SweepDip, SweepReport, sweep, formatRate } from './sweep';
export { SweepTrialDip, TRIAL_DIP_MIN_DROP, trialDips, trialSteps } from './sweepTrialDips';
export { quantile, meanOfDraws } from './sweepStats';
export { CorrelateCapture, StreamFlowMatch, UnmatchedStream, UnmatchedFlow, Correlation, correlate } from './correlate';
