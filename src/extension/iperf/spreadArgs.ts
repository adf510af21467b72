// The argument queueLens.showSpread takes, built from one test of a log.
import type { SpreadFlow } from '../../core/analysis/queueSpread';
import type { IperfTest } from '../../core/iperf';
import { testFlows } from './streamFlows';

export const SHOW_SPREAD = 'queueLens.showSpread';

export interface ShowSpreadArgs {
  title: string;
  flows: SpreadFlow[];
}

export function spreadArgs(fileName: string, test: IperfTest, testIndex: number, testCount: number): ShowSpreadArgs {
  const flows = testFlows(test);
  const which = testCount > 1 ? ` · test ${testIndex + 1} of ${testCount}` : '';
  return { title: `${fileName}${which} · ${flows.length} ${test.protocol.toUpperCase()} streams`, flows };
}

export function lensTitle(streams: number): string {
  return streams === 1 ? 'Queue spread of this 1 stream' : `Queue spread of these ${streams} streams`;
}
