/**
 * The host-wide snapshots `queue-lens config` reads beside a device's own: /proc/cmdline, the online CPUs, the IRQ
 * affinity of the device's queue interrupts, xen_netfront's max_queues, and `xenstore-ls` where that tool exists.
 * Files are read directly (they are not per namespace); the one command runs with an argv, never a shell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NotRecorded } from '../runs/manifest';
import { firstLine, run, which } from './exec';
import { errorMessage } from '../text';

/** The largest /proc or sysfs file read here (a /proc/interrupts of a few hundred CPUs stays well below). */
const MAX_BYTES = 4 * 2 ** 20;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The IRQs of /proc/interrupts whose name names the device: the netdev's name as a whole word (`eth0-TxRx-0`,
 * `eth0 (queue 3)`), or its bus device's (`virtio2-input.0`, from /sys/class/net/DEV/device). Numbers only.
 */
export function deviceIrqs(interrupts: string, dev: string, busDevice?: string): number[] {
  const names = [dev, ...(busDevice ? [busDevice] : [])].map((n) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRe(n)}([^A-Za-z0-9_]|$)`));
  const out: number[] = [];
  for (const line of interrupts.split('\n')) {
    const m = /^\s*(\d+):(.*)$/.exec(line);
    if (!m) continue;
    // the name is after the per-CPU counts and the controller columns: test the text without the leading counts
    const rest = m[2].replace(/^(\s+\d+)+/, '');
    if (names.some((re) => re.test(rest))) out.push(Number(m[1]));
  }
  return out;
}

function readSmall(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_BYTES);
    const n = fs.readSync(fd, buf, 0, MAX_BYTES, null);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The device's bus device name (`virtio2`), when /sys/class/net/DEV/device is a link (not in another namespace). */
function busDeviceOf(dev: string): string | undefined {
  try {
    const b = path.basename(fs.realpathSync(path.join('/sys/class/net', dev, 'device')));
    return /^[A-Za-z][A-Za-z0-9_]*$/.test(b) && b.length <= 32 ? b : undefined;
  } catch {
    return undefined;
  }
}

export interface HostPaths {
  proc: string;
  sys: string;
}

/** Takes the host snapshots into dir/config/; returns label → relative file, and what could not be taken. */
export async function takeHostConfig(dir: string, dev: string, paths: HostPaths = { proc: '/proc', sys: '/sys' }): Promise<{ config: Record<string, string>; notRecorded: NotRecorded[] }> {
  const config: Record<string, string> = {};
  const notRecorded: NotRecorded[] = [];
  fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
  const save = (label: string, file: string, text: string): void => {
    const rel = path.posix.join('config', file);
    fs.writeFileSync(path.join(dir, rel), text);
    config[label] = rel;
  };
  const copy = (label: string, file: string, from: string, optional = false): string | undefined => {
    try {
      const text = readSmall(from);
      save(label, file, text);
      return text;
    } catch (e) {
      if (!optional || (e as NodeJS.ErrnoException).code !== 'ENOENT') notRecorded.push({ what: `config: ${label}`, reason: `${from}: ${errorMessage(e)}` });
      return undefined;
    }
  };

  copy('/proc/cmdline', 'cmdline.txt', path.join(paths.proc, 'cmdline'));
  copy('CPUs online', 'cpu-online.txt', path.join(paths.sys, 'devices/system/cpu/online'));

  saveIrqAffinity(paths, dev, save, notRecorded);
  await saveXenConfig(paths, save, notRecorded);
  return { config, notRecorded };
}

type Save = (label: string, file: string, text: string) => void;

/** The device's queue IRQs: where each may go (smp_affinity_list), as `grep . /proc/irq/N/smp_affinity_list` prints it. */
function saveIrqAffinity(paths: HostPaths, dev: string, save: Save, notRecorded: NotRecorded[]): void {
  let interrupts: string | undefined;
  try {
    interrupts = readSmall(path.join(paths.proc, 'interrupts'));
  } catch (e) {
    notRecorded.push({ what: 'config: IRQ affinity', reason: `/proc/interrupts: ${errorMessage(e)}` });
  }
  if (interrupts === undefined) return;
  const irqs = deviceIrqs(interrupts, dev, paths.sys === '/sys' ? busDeviceOf(dev) : undefined);
  const lines: string[] = [];
  const failed: string[] = [];
  for (const irq of irqs) {
    const f = path.join(paths.proc, 'irq', String(irq), 'smp_affinity_list');
    try {
      lines.push(`/proc/irq/${irq}/smp_affinity_list:${readSmall(f).trim()}`);
    } catch (e) {
      failed.push(`${irq} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (lines.length) save('IRQ affinity (smp_affinity_list)', 'irq-affinity.txt', `${lines.join('\n')}\n`);
  else if (irqs.length === 0) notRecorded.push({ what: 'config: IRQ affinity', reason: `no interrupt in /proc/interrupts is named after ${dev}` });
  if (failed.length) notRecorded.push({ what: `config: IRQ affinity${lines.length ? ' (in part)' : ''}`, reason: `smp_affinity_list not read for IRQ ${failed.join(', ')}` });
}

/** xen_netfront's module parameter, when the module is loaded (absent elsewhere: nothing to say), and xenstore-ls. */
async function saveXenConfig(paths: HostPaths, save: Save, notRecorded: NotRecorded[]): Promise<void> {
  const mq = path.join(paths.sys, 'module/xen_netfront/parameters/max_queues');
  try {
    const v = readSmall(mq).trim();
    if (/^\d+$/.test(v)) save('xen_netfront max_queues', 'xen_netfront-max_queues.txt', `/sys/module/xen_netfront/parameters/max_queues:${v}\n`);
    else notRecorded.push({ what: 'config: xen_netfront max_queues', reason: `${mq}: not a number` });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') notRecorded.push({ what: 'config: xen_netfront max_queues', reason: `${mq}: ${errorMessage(e)}` });
  }
  if (!which('xenstore-ls')) notRecorded.push({ what: 'config: xenstore-ls', reason: 'xenstore-ls is not installed (not a Xen guest or dom0, or xen-utils missing)' });
  else {
    const r = await run(['xenstore-ls']);
    if (r.code === 0 && r.stdout.trim() !== '') save('xenstore-ls', 'xenstore-ls.txt', r.stdout);
    else notRecorded.push({ what: 'config: xenstore-ls', reason: firstLine(r) || `exit ${r.code}, no output` });
  }
}
