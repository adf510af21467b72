import * as fs from 'node:fs';
import * as path from 'node:path';
import { IperfLog, parseIperfLog } from '../../../src/core/iperf';
import { fixturesDir } from '../../helpers/paths';

export function fixturePath(name: string): string {
  return path.join(fixturesDir, 'iperf', name);
}

export function readFixture(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

export function parseFixture(name: string): IperfLog {
  return parseIperfLog(readFixture(name), name);
}
