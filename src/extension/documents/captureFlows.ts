// Moved to core (the CLI's `spread --capture` counts the same flows); re-exported for the extension's imports.
export { captureSpreadFlows, largestFlow, totalBytes, tunnelTree } from '../../core/analysis/spread/captureSpreadFlows';
