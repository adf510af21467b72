/**
 * The parts of a recorded run's config/ that decide a flow's queue: the driver, the queue counts, the XPS masks,
 * the RSS key, table and hash fields, net.core.txrehash. Read through the manifest's labels (record.ts writes
 * them); a file that is missing or unreadable leaves its part undefined, with a warning when it was expected.
 */
import * as path from 'node:path';
import { readInputText } from '../../runs/inputFiles';
import type { RunManifest } from '../../runs/manifest';
import { EthtoolRxfh, HashFields, parseEthtoolX, parseRxFlowHash, parseXpsCpus, XpsMap } from '../../hashing';
import { errorMessage } from '../../text';

export interface RunConfig {
  /** `ethtool -i`'s driver (veth, mlx5_core, ixgbe, virtio_net, vif, ...). */
  driver?: string;
  /** Queues in use (the sysfs tx-N / rx-N folders, i.e. real_num_tx_queues), else ethtool -l's current counts. */
  txQueues?: number;
  rxQueues?: number;
  /** xps_cpus per tx queue, and whether any mask is set (then XPS decides instead of the hash). */
  xps?: XpsMap;
  xpsSet: boolean;
  /** xps_rxqs set on some queue (the receive queue picks the tx queue first; not modelled). */
  xpsRxqsSet: boolean;
  rxfh?: EthtoolRxfh;
  /** Toeplitz input per flow type from `ethtool -n rx-flow-hash`. */
  rxFields: Partial<Record<'tcp4' | 'tcp6' | 'udp4', HashFields>>;
  txrehash?: number;
  warnings: string[];
}

/**
 * `texts` are the config files already read (readRun's `run.config`, label → text): a label found there is not read
 * again; only an absent one is read from `dir`.
 */
export function readRunConfig(dir: string, manifest: RunManifest, texts?: Readonly<Record<string, string>>): RunConfig {
  const out: RunConfig = { xpsSet: false, xpsRxqsSet: false, rxFields: {}, warnings: [] };
  const text = (label: string): string | undefined => {
    const known = texts?.[label];
    if (known !== undefined) return known;
    const rel = manifest.config[label];
    if (rel === undefined) return undefined;
    try {
      return readInputText(path.join(dir, rel), 'config');
    } catch (e) {
      out.warnings.push(errorMessage(e));
      return undefined;
    }
  };
  const drv = /^driver:\s*(\S+)/m.exec(text('ethtool -i') ?? '');
  if (drv) out.driver = drv[1];
  const sys = text(SYSFS_QUEUES);
  if (sys !== undefined) readSysfsQueues(sys, manifest.config[SYSFS_QUEUES], out);
  // sysfs lists the queues in use; ethtool -l's current counts stand in only when it did not.
  if (out.txQueues === undefined || out.rxQueues === undefined) readChannelCounts(text('ethtool -l'), out);
  const x = text('ethtool -x');
  if (x !== undefined) {
    try {
      out.rxfh = parseEthtoolX(x);
    } catch (e) {
      out.warnings.push(`${manifest.config['ethtool -x']}: ${errorMessage(e)}`);
    }
  }
  for (const ft of ['tcp4', 'tcp6', 'udp4'] as const) {
    const t = text(`ethtool -n rx-flow-hash ${ft}`);
    if (t === undefined) continue;
    const e = parseRxFlowHash(t).entries.find((en) => en.flowType === ft && en.context === undefined);
    if (e?.hashFields === 2 || e?.hashFields === 4) out.rxFields[ft] = e.hashFields;
  }
  const rh = /^net\.core\.txrehash\s*=\s*(\d+)/m.exec(text('sysctl') ?? '');
  if (rh) out.txrehash = Number(rh[1]);
  return out;
}

const SYSFS_QUEUES = 'sysfs queues (xps_cpus, xps_rxqs, rps_cpus)';

/** The tx-N / rx-N folders give the queue counts; tx-N/xps_cpus the XPS masks; xps_rxqs only whether it is set. */
function readSysfsQueues(sys: string, file: string | undefined, out: RunConfig): void {
  const tx = new Set<number>();
  const rx = new Set<number>();
  for (const m of sys.matchAll(/\/queues\/(tx|rx)-(\d+)\//g)) (m[1] === 'tx' ? tx : rx).add(Number(m[2]));
  if (tx.size > 0) out.txQueues = tx.size;
  if (rx.size > 0) out.rxQueues = rx.size;
  const xpsLines = sys.split('\n').filter((l) => /\/tx-\d+\/xps_cpus:/.test(l)).join('\n');
  if (xpsLines) {
    try {
      out.xps = parseXpsCpus(xpsLines);
      out.xpsSet = out.xps.masks.some((m) => m !== 0n);
    } catch (e) {
      out.warnings.push(`${file}: xps_cpus not read (${errorMessage(e)})`);
    }
  }
  out.xpsRxqsSet = /\/tx-\d+\/xps_rxqs:(?!0+(,0+)*$)[0-9a-f,]+$/m.test(sys);
}

/** `ethtool -l`'s current TX / RX plus Combined, for the counts sysfs left undefined. */
function readChannelCounts(l: string | undefined, out: RunConfig): void {
  const cur = l?.split(/Current hardware settings:/)[1];
  const num = (k: string): number | undefined => {
    const m = cur && new RegExp(`^${k}:\\s*(\\d+)`, 'm').exec(cur);
    return m ? Number(m[1]) : undefined;
  };
  const combined = num('Combined') ?? 0;
  out.txQueues ??= (num('TX') ?? 0) + combined || undefined;
  out.rxQueues ??= (num('RX') ?? 0) + combined || undefined;
}
