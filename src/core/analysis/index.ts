// Public API of the probability-of-imbalance and throughput models (no vscode imports).
export { Fraction, fraction, fractionToNumber, formatFraction } from './odds/arith';
export { FlowClass, FlowsSpec, flowClasses } from './odds/flowSpace';
export { uniformWeights, normaliseWeights, integerWeights } from './odds/weights';
export {
  MaxLoadDistribution, ExactMaxLoadDistribution, maxLoadDistribution, maxLoadDistributionExact, toFloatDistribution,
  pBalanced, pBalancedExact, expectedMax, expectedMaxExact,
} from './odds/maxLoad';
export { occupiedDistribution, occupiedDistributionExact, expectedOccupied } from './odds/occupancy';
export {
  ThroughputModel, ValueDistribution, throughputDistribution, expectedThroughput, balancedThroughput,
} from './odds/throughput';
export { RunComparison, compareDistributions, BlipResult, blipProbability } from './odds/blip';
export { MeasuredRun, CapacityFit, fitQueueCapacity, fitBestCapacity } from './sweep/fit';
export { Xoshiro128 } from './odds/prng';
export { MonteCarloOptions, MonteCarloResult, simulate } from './odds/monteCarlo';
export { lnGamma, regularizedGammaP, regularizedGammaQ, chiSquareCdf, chiSquareSurvival, poolCells, pearson } from './stats/chiSquare';
export { TxTrial, TxQueuesRow, TxQueuesCheck, parseTxQueues, checkTxQueues, partitions, partitionProbability } from './kernelCheck/realKernel';
export { realKernelMarkdown } from './kernelCheck/realKernelReport';
export { UNIFORM, presetWeights, blipByPreset } from './odds/presets';
export { EmpiricalSpread, empiricalSpread } from './odds/empirical';
export { SweepRunInput, SweepManifestRun, RunThroughput, queueCountFromName, parseSweepManifest, sweepTest, runThroughput } from './sweep/sweepInput';
export { SweepOptions, RunSpread, SweepRun, SweepPoint, SweepDip, SweepReport, sweep } from './sweep/sweep';
export { SweepTrialDip, TRIAL_DIP_MIN_DROP, trialDips, trialSteps } from './sweep/sweepTrialDips';
export { quantile, meanOfDraws } from './sweep/sweepStats';
export { CorrelateCapture, StreamFlowMatch, UnmatchedStream, UnmatchedFlow, Correlation, correlate } from './correlate/correlate';
