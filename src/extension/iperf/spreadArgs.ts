// The argument queueLens.showSpread takes, built from one test of a log.
import type { ShowSpreadArgs } from '../views/spreadPanel';
import type { IperfTest } from '../../core/iperf';
import { testFlows } from './streamFlows';
import { plural } from '../../core/text';

export const SHOW_SPREAD = 'queueLens.showSpread';


export function spreadArgs(fileName: string, test: IperfTest, testIndex: number, testCount: number): ShowSpreadArgs {
  const flows = testFlows(test);
  const which = testCount > 1 ? ` · test ${testIndex + 1} of ${testCount}` : '';
  return { title: `${fileName}${which} · ${streamCount(flows.length, test.protocol)}`, flows };
}

/** "8 TCP streams", "1 UDP stream". */
export function streamCount(k: number, protocol: string): string {
  return `${k} ${protocol.toUpperCase()} ${plural(k, 'stream')}`;
}

export function lensTitle(streams: number): string {
  return streams === 1 ? 'Queue spread of this 1 stream' : `Queue spread of these ${streams} streams`;
}
