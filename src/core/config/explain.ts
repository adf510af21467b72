// Puts the configuration snapshots together: the effective and offered queue counts, the sentence that says why,
// and each queue's interrupts, threads and CPUs.
import type { QueueVector } from '../counters/interrupts';
import { ConfigPiece, XenVif } from './model';
import { CpuBasis, QueueConfigReport, QueueCpus } from './report';
import { countOf } from '../text';

type Piece<K extends ConfigPiece['kind']> = ConfigPiece & { kind: K };
const of = <K extends ConfigPiece['kind']>(pieces: readonly ConfigPiece[], kind: K): Array<Piece<K>> =>
  pieces.filter((p): p is Piece<K> => p.kind === kind);

/** Queues mapped at most: real devices have a few hundred; a damaged file must not make millions. */
const MAX_QUEUES = 4096;

/** A CPU serves a queue when it took at least this share of the queue's interrupts. */
const CPU_SHARE = 0.1;

export interface ExplainOptions {
  /** Which device's vectors to map when several have per-queue vectors. */
  device?: string;
  /** Snapshots taken before the run, for per-queue deltas of interrupts and ring counters. */
  before?: readonly ConfigPiece[];
}


function vcpuCount(pieces: readonly ConfigPiece[], role: 'guest' | 'dom0'): { n: number; file: string } | null {
  for (const p of of(pieces, 'vcpus')) {
    if (p.perDomain) {
      if (role === 'dom0') return { n: p.count, file: p.file };
      const guests = p.perDomain.filter((d) => d.domain !== 'Domain-0');
      if (guests.length === 1) return { n: guests[0].vcpus, file: p.file };
      continue;
    }
    if (p.role === role) return { n: p.count, file: p.file };
  }
  if (role === 'guest') {
    // interrupts of the guest name as many CPU columns as it has online vCPUs
    const irq = of(pieces, 'interrupts').find((p) => p.role === 'guest' && p.interrupts.cpus !== null);
    if (irq?.interrupts.cpus) return { n: irq.interrupts.cpus, file: irq.file };
  }
  if (role === 'dom0') {
    const irq = of(pieces, 'interrupts').find((p) => p.role === 'dom0' && p.interrupts.cpus !== null);
    if (irq?.interrupts.cpus) return { n: irq.interrupts.cpus, file: irq.file };
  }
  return null;
}

function paramOf(pieces: readonly ConfigPiece[], module: 'xen_netfront' | 'xen_netback'): { n: number; file: string; how: string } | null {
  const p = of(pieces, 'module-param').find((x) => x.module === module);
  if (p) return { n: p.maxQueues, file: p.file, how: `/sys/module/${module}/parameters/max_queues = ${p.maxQueues}` };
  for (const c of of(pieces, 'cmdline')) {
    const v = c.params[`${module}.max_queues`];
    if (v !== undefined && /^\d+$/.test(v)) return { n: +v, file: c.file, how: `${module}.max_queues=${v} on the kernel command line` };
  }
  return null;
}

/** The Xen negotiation: the frontend's multi-queue-num-queues against the backend's multi-queue-max-queues. */
function explainXen(pieces: readonly ConfigPiece[], front: XenVif | undefined, back: XenVif | undefined,
  frontFile: string, backFile: string, vcpus: QueueConfigReport['vcpus']): { effective: number | null; offered: number | null; reasons: string[]; head: string } {
  const offered = back?.maxQueues ?? null;
  const reasons: string[] = [];
  let effective: number | null = null;
  let head = '';
  const netfront = paramOf(pieces, 'xen_netfront');
  const netback = paramOf(pieces, 'xen_netback');
  if (front) {
    if (front.numQueues === null) {
      effective = 1;
      head = offered !== null && offered > 1
        ? 'the guest\'s netfront asked for one queue: it wrote no multi-queue-num-queues, so it has no multi-queue support (Linux before 3.16, e.g. 3.14)'
        : 'the guest\'s netfront wrote no multi-queue-num-queues: a frontend without multi-queue uses one queue';
      reasons.push(`${frontFile}: the frontend (${front.path}) has no multi-queue-num-queues key; a netfront without multi-queue (Linux < 3.16) uses one queue`);
    } else {
      effective = front.numQueues;
      reasons.push(`${frontFile}: the frontend (${front.path}) wrote multi-queue-num-queues = ${front.numQueues}`);
    }
  }
  if (offered !== null) reasons.push(`${backFile}: the backend (${back?.path}) offers multi-queue-max-queues = ${offered}`);
  if (front?.numQueues != null) {
    const n = front.numQueues;
    // netfront asks for min(max_queues, backend's maximum); max_queues defaults to the guest's online vCPUs
    const causes: string[] = [];
    if (netfront && netfront.n === n) causes.push(`the guest's ${netfront.how} (${netfront.file})`);
    else if (vcpus.guest !== null && vcpus.guest === n && (netfront === null || netfront.n >= n)) causes.push(`limited by the guest's ${countOf(n, 'vCPU')} (netfront asks for at most one queue per vCPU by default)`);
    if (offered !== null && offered === n) {
      let why = `the backend's maximum (multi-queue-max-queues = ${offered})`;
      if (netback && netback.n === offered) why += `, set by dom0's ${netback.how}`;
      else if (vcpus.dom0 !== null && vcpus.dom0 === offered) why += `, which netback sets to dom0's ${countOf(vcpus.dom0, 'vCPU')} by default`;
      causes.push(`limited by ${why}`);
    }
    if (causes.length === 0) {
      causes.push(offered !== null && n < offered
        ? `the guest's netfront asked for ${n} (these files show neither a max_queues setting nor a vCPU count that explains it)`
        : `the guest's netfront asked for ${n}`);
    }
    head = causes.join('; and ');
    reasons.push(...causes.filter((c) => !reasons.includes(c)));
  }
  if (!front && offered !== null) head = `the backend offers ${offered}; no frontend keys in these files say how many the guest used`;
  if (front?.splitEventChannels === false || back?.splitEventChannels === false) reasons.push('no split event channels: one event channel (and one interrupt) per queue serves tx and rx');
  return { effective, offered, reasons, head };
}

function pickVectors(pieces: readonly ConfigPiece[], device: string | undefined, warnings: string[]): { device: string | null; vectors: QueueVector[]; file: string | null } {
  const all = of(pieces, 'interrupts').flatMap((p) => p.interrupts.vectors.map((v) => ({ v, file: p.file })));
  const devs = [...new Set(all.map((x) => x.v.device))];
  if (devs.length === 0) return { device: device ?? null, vectors: [], file: null };
  let dev = device;
  if (dev === undefined) {
    const count = (d: string): number => all.filter((x) => x.v.device === d).length;
    dev = devs.sort((a, b) => count(b) - count(a) || a.localeCompare(b))[0];
    if (devs.length > 1) warnings.push(`per-queue interrupt vectors of ${devs.length} devices (${devs.join(', ')}): mapped ${dev} (choose with --dev)`);
  }
  const chosen = all.filter((x) => x.v.device === dev);
  return { device: dev, vectors: chosen.map((x) => x.v), file: chosen[0]?.file ?? null };
}

/** Per-CPU counts after − before, matched by IRQ number and name. */
function vectorDelta(after: QueueVector, before: readonly QueueVector[]): QueueVector {
  const b = before.find((x) => x.irq === after.irq && x.name === after.name);
  if (!b) return after;
  const perCpu = after.perCpu.map((c, i) => Math.max(0, c - (b.perCpu[i] ?? 0)));
  return { ...after, perCpu, count: perCpu.reduce((a, c) => a + c, 0) };
}

export function explainQueueConfig(pieces: readonly ConfigPiece[], opts: ExplainOptions = {}): QueueConfigReport {
  const warnings: string[] = [];
  for (const p of pieces) if (p.unknownLines > 0) warnings.push(`${p.file}: ${countOf(p.unknownLines, 'line')} not understood as ${p.kind}, left out`);
  const vg = vcpuCount(pieces, 'guest');
  const vd = vcpuCount(pieces, 'dom0');
  const vcpus = { guest: vg?.n ?? null, dom0: vd?.n ?? null };

  const xen = of(pieces, 'xenstore');
  const fronts = xen.flatMap((p) => p.vifs.filter((v) => v.side === 'frontend').map((v) => ({ v, file: p.file })));
  const backs = xen.flatMap((p) => p.vifs.filter((v) => v.side === 'backend').map((v) => ({ v, file: p.file })));
  if (fronts.length > 1 || backs.length > 1) warnings.push(`${fronts.length} frontend and ${backs.length} backend vifs in xenstore: the first of each is explained`);
  const threads = of(pieces, 'netback-threads').flatMap((p) => p.threads);
  const rings = of(pieces, 'io-ring').map((p) => p.ring);
  const isXen = xen.length > 0 || threads.length > 0 || rings.length > 0 || of(pieces, 'module-param').length > 0;

  // The count and its reason: xenstore's negotiation first, else ethtool -l's current channels.
  let c: QueueCount = { effective: null, offered: null, reasons: [], head: '' };
  if (fronts.length || backs.length) c = explainXen(pieces, fronts[0]?.v, backs[0]?.v, fronts[0]?.file ?? '', backs[0]?.file ?? '', vcpus);
  const ch = of(pieces, 'ethtool-channels')[0];
  if (ch) explainChannels(ch, vcpus.guest, c);

  // The queues' interrupts, threads, rings and masks
  const { device: vecDev, vectors, file: vecFile } = deviceVectors(pieces, opts, ch?.device, c.effective, warnings);
  const src: QueueSources = {
    vectors, threads, rings,
    affinity: new Map(of(pieces, 'irq-affinity').flatMap((p) => p.affinity.map((a) => [a.irq, a.cpus] as const))),
    masks: of(pieces, 'queue-masks').flatMap((p) => p.masks),
    beforeRings: of(opts.before ?? [], 'io-ring').map((p) => p.ring),
    ynlQueues: of(pieces, 'ynl-queues').flatMap((p) => p.queues),
    napis: new Map(of(pieces, 'ynl-napi').flatMap((p) => p.napis.map((n) => [n.id, n] as const))),
  };
  const maskDev = of(pieces, 'queue-masks').find((p) => p.device)?.device ?? null;

  const counted = countQueues(src);
  if (c.effective === null && counted > 0) explainCounted(counted, src, vecDev, vecFile, maskDev, c);
  const xenRun = isXen || vectors.some((v) => /Xen/.test(v.naming));
  addLimitReasons(pieces, c, vg, vd, xenRun);

  let n = Math.max(c.effective ?? 0, counted);
  if (n > MAX_QUEUES) {
    warnings.push(`${n} queues is more than any device has (at most ${MAX_QUEUES} are mapped)`);
    n = MAX_QUEUES;
  }
  const queues = Array.from({ length: n }, (_, q) => queueCpus(q, src));
  const { effective, offered, reasons } = c;
  if (effective !== null && counted > effective) warnings.push(`the snapshots show ${counted} queues where ${effective} were negotiated or set: the extra ones are listed but were not used`);

  const sentence = countSentence(c);
  const platform = xenRun ? 'xen' : ch || vectors.length || src.masks.length ? 'linux' : 'unknown';
  const device = fronts.length || backs.length ? (vecDev ?? (backs[0] ? `vif${backs[0].v.path.split('/').slice(-2).join('.')}` : fronts[0]?.v.path ?? null)) : (vecDev ?? ch?.device ?? maskDev);
  return {
    effective, offered, sentence, reasons, platform, device, vcpus, queues,
    files: pieces.map((p) => ({ file: p.file, kind: p.kind, unknownLines: p.unknownLines })), warnings,
  };
}

/**
 * The per-queue interrupt vectors of the device explained (after − before when a before-snapshot is given); none when
 * the only vectors are another device's.
 */
function deviceVectors(pieces: readonly ConfigPiece[], opts: ExplainOptions, chDevice: string | null | undefined, effective: number | null, warnings: string[]):
  { device: string | null; vectors: QueueVector[]; file: string | null } {
  const picked = pickVectors(pieces, opts.device, warnings);
  const netdev = chDevice ?? of(pieces, 'queue-masks').find((p) => p.device)?.device ?? null;
  const vecQueues = new Set(picked.vectors.map((v) => v.queue)).size;
  if (netdev && picked.device && picked.device !== netdev && opts.device === undefined && effective !== null && vecQueues !== effective) {
    // e.g. a veth (no interrupts at all) recorded on a machine whose virtio NIC has vectors: not this device's
    warnings.push(`the per-queue interrupt vectors in ${picked.file} are ${picked.device}'s (${countOf(vecQueues, 'queue')}), not ${netdev}'s (${effective}): not mapped (choose with --dev)`);
    picked.vectors = [];
    picked.device = null;
  }
  const beforeVectors = of(opts.before ?? [], 'interrupts').flatMap((p) => p.interrupts.vectors);
  const vectors = opts.before ? picked.vectors.map((v) => vectorDelta(v, beforeVectors)) : picked.vectors;
  return { device: picked.device, vectors, file: picked.file };
}

/** "4 of 8 queues: <head>.", or that these files do not say. */
function countSentence({ effective, offered, head }: QueueCount): string {
  const count = effective === null ? 'The queue count' : offered !== null && offered !== effective ? `${effective} of ${offered} queues` : countOf(effective, 'queue');
  return effective === null && offered === null
    ? 'These files do not say how many queues the run had.'
    : `${count}: ${head || (offered !== null ? `the backend offers ${offered}` : 'the reason is not in these files')}.`;
}

/** What else bounds the count: dom0's netback parameter (the offer, when nothing else gave it), CPU caps, the CPUs. */
function addLimitReasons(pieces: readonly ConfigPiece[], c: QueueCount, vg: { n: number; file: string } | null, vd: { n: number; file: string } | null, xenRun: boolean): void {
  const netbackParam = paramOf(pieces, 'xen_netback');
  if (c.offered === null && netbackParam) { c.offered = netbackParam.n; c.reasons.push(`dom0's ${netbackParam.how} (${netbackParam.file})`); }
  for (const cl of of(pieces, 'cmdline')) {
    for (const k of ['maxcpus', 'nr_cpus', 'dom0_max_vcpus']) if (cl.params[k] !== undefined) c.reasons.push(`${cl.file}: ${k}=${cl.params[k]} on the ${k === 'dom0_max_vcpus' ? 'Xen' : 'kernel'} command line caps the CPUs, and so the default queue count`);
  }
  if (vg) c.reasons.push(`${vg.file}: ${xenRun ? `the guest has ${countOf(vg.n, 'vCPU')}` : `the machine has ${countOf(vg.n, 'CPU')}`}`);
  if (vd) c.reasons.push(`${vd.file}: dom0 has ${countOf(vd.n, 'vCPU')}`);
}

/** The queue count as it is being explained: in use, offered, the reasons, and the sentence's head. */
interface QueueCount {
  effective: number | null;
  offered: number | null;
  reasons: string[];
  head: string;
}

/** Everything the snapshots say about each queue, gathered once from the pieces. */
interface QueueSources {
  vectors: QueueVector[];
  threads: Array<Piece<'netback-threads'>['threads'][number]>;
  rings: Array<Piece<'io-ring'>['ring']>;
  beforeRings: Array<Piece<'io-ring'>['ring']>;
  affinity: Map<number, number[]>;
  masks: Array<Piece<'queue-masks'>['masks'][number]>;
  ynlQueues: Array<Piece<'ynl-queues'>['queues'][number]>;
  napis: Map<number, Piece<'ynl-napi'>['napis'][number]>;
}

/** ethtool -l: a reason always; the count and its head only when xenstore did not give them. */
function explainChannels(ch: Piece<'ethtool-channels'>, guestCpus: number | null, c: QueueCount): void {
  const cur = ch.current.combined ?? Math.max(ch.current.rx ?? 0, ch.current.tx ?? 0);
  const max = ch.max.combined ?? Math.max(ch.max.rx ?? 0, ch.max.tx ?? 0);
  const dev = ch.device ?? 'the device';
  c.reasons.push(`${ch.file}: ethtool -l ${dev}: ${cur} ${ch.current.combined !== null ? 'combined channels' : 'channels'} of a maximum of ${max}`);
  if (c.effective !== null) return;
  c.effective = cur;
  c.offered = max;
  if (cur === max && guestCpus !== null && max === guestCpus) c.head = `the device's maximum, one per CPU (${countOf(guestCpus, 'CPU')})`;
  else if (cur === max) c.head = `the device's maximum (ethtool -l ${dev})`;
  else if (guestCpus !== null && cur === guestCpus) c.head = `one per CPU (${countOf(guestCpus, 'CPU')}), below the device's maximum of ${max}`;
  else c.head = `set below the device's maximum of ${max} (ethtool -L ${dev} combined N changes it)`;
}

/** The highest queue any snapshot names, + 1 (0 when none names one). */
function countQueues(src: QueueSources): number {
  const queueIds = new Set<number>();
  for (const v of src.vectors) queueIds.add(v.queue);
  for (const t of src.threads) queueIds.add(t.queue);
  for (const r of src.rings) queueIds.add(r.queue);
  for (const m of src.masks) queueIds.add(m.queue);
  for (const q of src.ynlQueues) queueIds.add(q.id);
  return queueIds.size ? Math.max(...queueIds) + 1 : 0;
}

/** No snapshot states the count: it is counted, and the reason names what it was counted from. */
function explainCounted(counted: number, src: QueueSources, vecDev: string | null, vecFile: string | null, maskDev: string | null, c: QueueCount): void {
  const { vectors, threads, rings, masks } = src;
  c.effective = counted;
  const basis = vectors.length ? `per-queue interrupt vectors of ${vecDev} (${vecFile})` : threads.length ? 'netback\'s per-queue threads'
    : rings.length ? 'xen-netback\'s io_ring_qN files' : masks.length ? `the queue folders of ${maskDev ?? 'the device'}` : 'ynl queue-get';
  c.head = `counted from ${basis}; no xenstore or ethtool -l snapshot says what was offered`;
  c.reasons.push(`${countOf(counted, 'queue')} counted from ${basis}`);
  if (vectors.some((v) => v.naming.startsWith('DEV-qN (Xen'))) c.reasons.push(`no split event channels: one event channel (one interrupt) per queue serves tx and rx (${vecFile})`);
  if (vectors.some((v) => v.naming.startsWith('DEV (Xen netfront'))) c.reasons.push(`a single netfront event channel named after the netdev ${vecDev}: one queue (${vecFile})`);
}

/** One queue's interrupts, threads, masks and ring, and its CPUs by the best basis the snapshots give. */
function queueCpus(q: number, src: QueueSources): QueueCpus {
  const { affinity, napis } = src;
  const irqs = src.vectors.filter((v) => v.queue === q).map((v) => ({
    irq: v.irq, name: v.name, dirs: v.dirs, perCpu: v.perCpu, total: v.count, affinity: affinity.get(v.irq) ?? null,
  }));
  for (const yq of src.ynlQueues.filter((x) => x.id === q)) {
    const napi = yq.napiId === null ? undefined : napis.get(yq.napiId);
    if (napi?.irq != null && !irqs.some((i) => i.irq === napi.irq)) {
      irqs.push({ irq: napi.irq, name: `napi ${napi.id} (${yq.type})`, dirs: yq.type, perCpu: [], total: 0, affinity: affinity.get(napi.irq) ?? null });
    }
  }
  const qThreads = src.threads.filter((t) => t.queue === q).map((t) => ({ comm: t.comm, pid: t.pid, cpu: t.cpu, pcpu: t.pcpu }));
  const perCpu: number[] = [];
  for (const i of irqs) i.perCpu.forEach((c, k) => { perCpu[k] = (perCpu[k] ?? 0) + c; });
  const total = perCpu.reduce((a, c) => a + (c ?? 0), 0);
  let cpus: number[] = [];
  let basis: CpuBasis | null = null;
  if (total > 0) {
    cpus = perCpu.map((c, k) => [k, c ?? 0] as const).filter(([, c]) => c >= CPU_SHARE * total).sort((a, b) => b[1] - a[1]).map(([k]) => k);
    basis = 'interrupts';
  } else if (qThreads.length) {
    const byLoad = [...qThreads].sort((a, b) => b.pcpu - a.pcpu);
    cpus = [...new Set(byLoad.map((t) => t.cpu))];
    basis = 'netback-thread';
  } else if (irqs.some((i) => i.affinity)) {
    cpus = [...new Set(irqs.flatMap((i) => i.affinity ?? []))].sort((a, b) => a - b);
    basis = 'irq-affinity';
  }
  const xps = src.masks.find((m) => m.dir === 'tx' && m.queue === q && m.file === 'xps_cpus')?.bits ?? null;
  const rps = src.masks.find((m) => m.dir === 'rx' && m.queue === q && m.file === 'rps_cpus')?.bits ?? null;
  if (basis === null && xps && xps.length) { cpus = xps; basis = 'xps'; }
  if (basis === null && rps && rps.length) { cpus = rps; basis = 'rps'; }
  const ring = src.rings.find((r) => r.queue === q);
  const ringBefore = src.beforeRings.find((r) => r.queue === q);
  return {
    queue: q, irqs, cpus, basis, xpsCpus: xps, rpsCpus: rps, threads: qThreads,
    load: qThreads.length ? Math.round(qThreads.reduce((a, t) => a + t.pcpu, 0) * 10) / 10 : null,
    ringRequests: ring ? {
      tx: ring.tx ? ring.tx.reqProd - (ringBefore?.tx?.reqProd ?? 0) : null,
      rx: ring.rx ? ring.rx.rspProd - (ringBefore?.rx?.rspProd ?? 0) : null,
    } : null,
  };
}

/** A warning when the queue count the user chose disagrees with the configuration; undefined when they agree. */
export function queueCountDisagreement(userQueues: number, report: QueueConfigReport): string | undefined {
  if (report.effective === null || report.effective === userQueues) return undefined;
  return `you set ${countOf(userQueues, 'queue')}, but the configuration says the run had ${report.effective}: ${report.sentence}`;
}
