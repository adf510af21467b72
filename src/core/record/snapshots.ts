/**
 * What `record` snapshots: the counter sources (before, after, and every --interval seconds) and the configuration
 * (once, before COMMAND). File names follow the counter readers' run-folder convention (counters/KIND-before.txt,
 * counters/KIND-after.txt: src/core/analysis/observed/counterFiles.ts), so a recorded folder is read like any other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inNetns, run, which, firstLine } from './exec';
import type { NotRecorded } from '../runs/manifest';
import { errorMessage } from '../text';

/** One counter source: its reader's name, the file stem under counters/, and how to take it. */
export interface CounterSource {
  source: 'tc-qdisc' | 'tc-class' | 'ethtool' | 'interrupts' | 'qstats';
  stem: string;
  /** argv (run in the device's namespace), or 'proc-interrupts' (read directly: interrupts are not per namespace). */
  take: string[] | 'proc-interrupts';
  tool?: string;
}

export function counterSources(dev: string, ifindex: number | undefined): CounterSource[] {
  const out: CounterSource[] = [
    { source: 'tc-qdisc', stem: 'qdisc', take: ['tc', '-s', 'qdisc', 'show', 'dev', dev], tool: 'tc' },
    { source: 'tc-class', stem: 'class', take: ['tc', '-s', 'class', 'show', 'dev', dev], tool: 'tc' },
    { source: 'ethtool', stem: 'ethtool', take: ['ethtool', '-S', dev], tool: 'ethtool' },
    { source: 'interrupts', stem: 'interrupts', take: 'proc-interrupts' },
  ];
  if (ifindex !== undefined) {
    out.push({ source: 'qstats', stem: 'qstats', tool: 'ynl',
      take: ['ynl', '--family', 'netdev', '--dump', 'qstats-get', '--json', JSON.stringify({ ifindex, scope: 'queue' })] });
  }
  return out;
}

/** Takes one snapshot of a source into `file`; returns undefined or the reason it could not. */
export async function takeCounter(src: CounterSource, netns: string, file: string): Promise<string | undefined> {
  if (src.take === 'proc-interrupts') {
    try {
      fs.writeFileSync(file, fs.readFileSync('/proc/interrupts'));
      return undefined;
    } catch (e) {
      return `/proc/interrupts: ${errorMessage(e)}`;
    }
  }
  if (src.tool && !which(src.tool)) return `${src.tool} is not installed`;
  const r = await run(inNetns(netns, src.take));
  if (r.code !== 0 || r.stdout.trim() === '') return `${src.take.join(' ')}: ${firstLine(r) || `exit ${r.code}, no output`}`;
  fs.writeFileSync(file, r.stdout);
  return undefined;
}

/** A configuration snapshot: its label in run.json, its file under config/, and argv (in the namespace). */
interface ConfigItem {
  label: string;
  file: string;
  argv: string[];
  /** Output that is expected to be partial (sysfs files some queues refuse): keep stdout even on a non-zero exit. */
  partialOk?: boolean;
}

/** sysctls that change which queue a flow uses or how often it moves. */
const SYSCTLS = ['net.core.txrehash', 'net.core.rps_sock_flow_entries', 'net.core.default_qdisc', 'net.ipv4.tcp_congestion_control'];

function configItems(dev: string): ConfigItem[] {
  return [
    { label: 'ethtool -i', file: 'ethtool-i.txt', argv: ['ethtool', '-i', dev] },
    { label: 'ethtool -l', file: 'ethtool-l.txt', argv: ['ethtool', '-l', dev] },
    { label: 'ethtool -x', file: 'ethtool-x.txt', argv: ['ethtool', '-x', dev] },
    { label: 'ethtool -n rx-flow-hash tcp4', file: 'ethtool-n-tcp4.txt', argv: ['ethtool', '-n', dev, 'rx-flow-hash', 'tcp4'] },
    { label: 'ethtool -n rx-flow-hash tcp6', file: 'ethtool-n-tcp6.txt', argv: ['ethtool', '-n', dev, 'rx-flow-hash', 'tcp6'] },
    { label: 'ethtool -n rx-flow-hash udp4', file: 'ethtool-n-udp4.txt', argv: ['ethtool', '-n', dev, 'rx-flow-hash', 'udp4'] },
    { label: 'ethtool -k', file: 'ethtool-k.txt', argv: ['ethtool', '-k', dev] },
    { label: 'tc -d qdisc', file: 'tc-d-qdisc.txt', argv: ['tc', '-d', 'qdisc', 'show', 'dev', dev] },
    { label: 'tc filter', file: 'tc-filter.txt', argv: ['tc', 'filter', 'show', 'dev', dev] },
    { label: 'ip -d link', file: 'ip-link.txt', argv: ['ip', '-d', '-j', 'link', 'show', 'dev', dev] },
    // every queue's sysfs attributes, "path:value" per line: xps_cpus, xps_rxqs, rps_cpus, tx_maxrate, byte_queue_limits
    { label: 'sysfs queues (xps_cpus, xps_rxqs, rps_cpus)', file: 'sysfs-queues.txt', argv: ['grep', '-r', '-H', '.', `/sys/class/net/${dev}/queues/`], partialOk: true },
    { label: 'sysctl', file: 'sysctl.txt', argv: ['sysctl', ...SYSCTLS], partialOk: true },
    { label: 'uname -r', file: 'uname-r.txt', argv: ['uname', '-r'] },
  ];
}

/** Takes every configuration snapshot into dir/config/; returns label → relative file, and what failed. */
export async function takeConfig(dir: string, dev: string, netns: string): Promise<{ config: Record<string, string>; notRecorded: NotRecorded[] }> {
  const config: Record<string, string> = {};
  const notRecorded: NotRecorded[] = [];
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  for (const item of configItems(dev)) {
    if (!which(item.argv[0])) { notRecorded.push({ what: `config: ${item.label}`, reason: `${item.argv[0]} is not installed` }); continue; }
    const r = await run(inNetns(netns, item.argv));
    // exit 0 with no output is a real answer (tc filter on a device without filters); a failure with none is not
    if (r.code === 0 || (item.partialOk && r.stdout.trim() !== '')) {
      const rel = path.posix.join('config', item.file);
      fs.writeFileSync(path.join(dir, rel), r.stdout);
      config[item.label] = rel;
      if (r.code !== 0 && r.stderr.trim()) notRecorded.push({ what: `config: ${item.label} (in part)`, reason: firstLine({ ...r, stdout: '' }) });
    } else {
      notRecorded.push({ what: `config: ${item.label}`, reason: firstLine(r) || `exit ${r.code}, no output` });
    }
  }
  return { config, notRecorded };
}
