/**
 * Which iperf log of a run folder is whose. A folder often holds both ends' logs (client.json and server.json,
 * client.txt and server.out): each is told by its content — iperf3 JSON's `start.connecting_to` against
 * `accepted_connection`, "Connecting to host" / "Client connecting to" against "Server listening" — never by its
 * name. The client's log is the run's (this host ran the client; `record` runs it); the server's is read too and
 * lends its receiver totals to streams the client's log has no receiver figure for.
 */
import * as path from 'node:path';
import { parseIperfLog } from '../iperf';
import type { IperfLog, IperfSide, IperfStream, IperfTest } from '../iperf/model';
import { readInputText } from './inputFiles';
import { errorMessage } from '../text';

/** One log of a run, read and parsed once. */
export interface RunLog {
  file: string;
  log: IperfLog;
  /** Which end wrote it, from its content. */
  side: IperfSide;
}

/** The log names a hand-made folder may hold (`truth.json`, `meta.json`, manifests and counter dumps are never logs). */
const LOG_NAME = /(\.iperf\.log|\.iperf|\.log|\.json|\.out|\.txt)$/i;
const NOT_A_LOG = /^(truth|meta|manifest|run|setup|versions)\.json$|^(setup|versions)\.txt$|(before|after)\.(txt|json)$|\.(tc|qdisc|class|ethtool|counters|qstats|interrupts|stats)\.(txt|json)$/i;

/** The test a run is about: the first with streams. */
export const runTest = (log: IperfLog): IperfTest | undefined => log.tests.find((t) => t.streams.length > 0);

/** Reads and parses one log; undefined (with the reason) when it is no iperf log with streams. */
export function readRunLog(file: string): RunLog | { skipped: string } {
  let log: IperfLog;
  try {
    log = parseIperfLog(readInputText(file, 'log'), path.basename(file));
  } catch (e) {
    return { skipped: `${file}: ${errorMessage(e)}` };
  }
  const test = runTest(log);
  if (!test) return { skipped: `${file}: no iperf streams in it` };
  return { file, log, side: test.side };
}

/** Candidate log files among a folder's names. */
export function logCandidates(names: readonly string[]): string[] {
  return names.filter((n) => LOG_NAME.test(n) && !NOT_A_LOG.test(n));
}

const endKey = (ip: string | undefined, port: number | undefined): string => `${ip ?? ''}|${port ?? ''}`;

/** The server log's stream that is the client's stream `s` (the client's local end is the server's remote end). */
export function serverStreamOf(s: IperfStream, server: RunLog): IperfStream | undefined {
  const t = runTest(server.log);
  if (!t || !s.local) return undefined;
  return t.streams.find((x) => x.remote?.port === s.local!.port && (x.remote.ip === s.local!.ip || !x.remote.ip || !s.local!.ip))
    ?? t.streams.find((x) => x.remote && endKey(x.remote.ip, x.remote.port) === endKey(s.local!.ip, s.local!.port));
}

const portsOf = (l: RunLog): string => runTest(l.log)!.streams.map((s) => `${s.local?.port}>${s.remote?.port}`).sort().join(',');

/**
 * iperf 2's CSV rows give both ends' reports in the same order (client address and port first), so a client's and
 * a server's CSV log of one run look alike: the one to read (its name saying client, else the first), or undefined
 * when these are not one run's logs.
 */
function sameCsvRun(logs: readonly RunLog[]): RunLog | undefined {
  if (!logs.every((l) => l.log.format === 'csv') || new Set(logs.map(portsOf)).size !== 1) return undefined;
  return logs.find((l) => /client/i.test(path.basename(l.file))) ?? logs[0];
}

export interface ChosenLogs {
  /** The log whose streams are the run's: the client's when there is one. */
  log?: RunLog;
  /** The other end's log, when it is this run's (its streams are the client's, by port). */
  peer?: RunLog;
  warnings: string[];
}

const names = (ls: readonly RunLog[]): string => ls.map((l) => path.basename(l.file)).join(', ');

/**
 * Chooses among the logs of one run: the client's, with the server's as its peer; a server's alone; a log whose end
 * cannot be told only when it is the only one (with a warning). Two clients' (or two servers') logs are a real
 * ambiguity: an error that names them.
 */
export function chooseRunLogs(logs: readonly RunLog[], where: string): ChosenLogs {
  const warnings: string[] = [];
  const clients = logs.filter((l) => l.side === 'client');
  const servers = logs.filter((l) => l.side === 'server');
  const unknown = logs.filter((l) => l.side === 'unknown');
  if (clients.length > 1) {
    const same = sameCsvRun(clients);
    if (!same) throw new Error(`${where}: ${clients.length} client logs (${names(clients)}): name one with --log`);
    warnings.push(`${where}: ${names(clients)} hold the same streams in iperf 2's CSV form, which does not say which end wrote it; ` +
      `${path.basename(same.file)} is read as the run's log${/client/i.test(path.basename(same.file)) ? ' (by its name)' : ''} (name the client's with --log)`);
    return { log: same, warnings };
  }
  if (servers.length > 1 && clients.length === 0) throw new Error(`${where}: ${servers.length} server logs and no client log (${names(servers)}): name one with --log`);
  if (unknown.length > 0 && logs.length > 1) {
    throw new Error(`${where}: cannot tell whose log ${names(unknown)} is (no "Connecting to host"/"Client connecting to" or "Server listening" in it) beside ${names(logs.filter((l) => l.side !== 'unknown'))}: name the client's with --log`);
  }
  if (clients.length === 1) {
    const log = clients[0];
    const server = servers[0];
    if (!server) return { log, warnings };
    if (servers.length > 1) warnings.push(`${where}: ${servers.length} server logs (${names(servers)}); none used beside the client's ${path.basename(log.file)}`);
    else {
      const streams = runTest(log.log)!.streams;
      const matched = streams.filter((s) => serverStreamOf(s, server)).length;
      if (matched === streams.length) return { log, peer: server, warnings };
      warnings.push(`${where}: ${path.basename(server.file)} is a server's log, but ${matched === 0 ? 'none' : `only ${matched}`} of the ${streams.length} streams of the client's ${path.basename(log.file)} are in it (another run?); not used`);
    }
    return { log, warnings };
  }
  if (servers.length === 1) {
    warnings.push(`${where}: only the server's log (${path.basename(servers[0].file)}): the counters are taken as the server host's, the streams as it saw them`);
    return { log: servers[0], warnings };
  }
  if (unknown.length === 1) {
    warnings.push(`${where}: cannot tell whether ${path.basename(unknown[0].file)} is the client's or the server's log; its streams are read as it reports them`);
    return { log: unknown[0], warnings };
  }
  return { warnings };
}
