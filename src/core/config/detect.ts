// Which snapshot a configuration file holds, from its content (and, for a bare number, its name), and one entry point.
import { readInterruptVectors } from '../counters/interrupts';
import { looksLikeCmdline, looksLikeIoRing, looksLikeModuleParam, looksLikePs, looksLikeVcpus, readCmdline, readIoRing, readModuleParam, readNetbackThreads, readVcpus } from './hostReaders';
import {
  looksLikeEthtoolChannels, looksLikeIrqAffinity, looksLikeQueueMasks, looksLikeYnl, readEthtoolChannels, readIrqAffinity, readQueueMasks,
  readYnlNapi, readYnlQueues,
} from './linuxReaders';
import { ConfigFormatError, ConfigKind, ConfigPiece, roleFromPath, textLines } from './model';
import { looksLikeXenstore, readXenstore } from './xenstore';

/** /proc/interrupts: its CPU header, or numbered lines with a controller and a name. */
function looksLikeInterrupts(text: string): boolean {
  return /^\s+CPU\d+(\s+CPU\d+)*\s*$/m.test(text) || /^\s*\d+:(\s+\d+)+\s+(xen-dyn-event|xen-pirq|PCI-MSI|IR-PCI-MSI|IO-APIC)/m.test(text);
}

export function detectConfigKind(text: string, file: string): ConfigKind | undefined {
  if (looksLikeEthtoolChannels(text)) return 'ethtool-channels';
  if (looksLikeIoRing(text)) return 'io-ring';
  if (looksLikePs(text)) return 'netback-threads';
  if (looksLikeInterrupts(text)) return 'interrupts';
  const ynl = looksLikeYnl(text);
  if (ynl) return ynl;
  if (looksLikeXenstore(text)) return 'xenstore';
  if (looksLikeModuleParam(text, file)) return 'module-param';
  if (looksLikeIrqAffinity(text)) return 'irq-affinity';
  if (looksLikeQueueMasks(text)) return 'queue-masks';
  if (looksLikeVcpus(text, file)) return 'vcpus';
  if (looksLikeCmdline(text, file)) return 'cmdline';
  return undefined;
}

export const CONFIG_FORMATS = 'xenstore-ls, xen_netfront/xen_netback max_queues, /proc/cmdline, /proc/cpuinfo, lscpu, nproc, ' +
  'xl vcpu-list, ps -eLo pid,psr,pcpu,comm, xen-netback io_ring_qN, ethtool -l, /proc/interrupts, /proc/irq/*/smp_affinity_list, ' +
  'xps_cpus/xps_rxqs/rps_cpus, ynl queue-get/napi-get';

/** Reads one configuration snapshot of any known kind; ConfigFormatError names the file and line otherwise. */
export function readConfigText(text: string, file: string): ConfigPiece {
  switch (detectConfigKind(text, file)) {
    case 'xenstore': return readXenstore(text, file);
    case 'module-param': return readModuleParam(text, file);
    case 'cmdline': return readCmdline(text, file);
    case 'vcpus': return readVcpus(text, file);
    case 'netback-threads': return readNetbackThreads(text, file);
    case 'io-ring': return readIoRing(text, file);
    case 'ethtool-channels': return readEthtoolChannels(text, file);
    case 'interrupts': {
      const interrupts = readInterruptVectors(text, file);
      return { kind: 'interrupts', file, unknownLines: 0, role: roleFromPath(file), interrupts };
    }
    case 'irq-affinity': return readIrqAffinity(text, file);
    case 'queue-masks': return readQueueMasks(text, file);
    case 'ynl-queues': return readYnlQueues(text, file);
    case 'ynl-napi': return readYnlNapi(text, file);
    default: {
      const first = textLines(text).findIndex((l) => l.trim() !== '');
      throw new ConfigFormatError(file, first + 1, `not a queue-configuration snapshot Queue Lens knows (${CONFIG_FORMATS})`);
    }
  }
}
