/**
 * Checks of the values `record` takes from its command line before they reach any program's argv: device and
 * namespace names, the interval. They are never put into shell text (every program is run with an argv array);
 * the checks keep option-like or path-like values ("-x", "../..") out of the argv of tc, ethtool and ip too.
 */

/** A Linux interface name: at most 15 bytes (IFNAMSIZ − 1), no '/', no spaces; not starting with '-'. */
const DEVICE_NAME = /^[A-Za-z0-9_.:@][A-Za-z0-9_.:@-]{0,14}$/;
/** A network namespace name as `ip netns add` makes under /run/netns. */
const NETNS_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}$/;

export class RecordArgError extends Error {
  override readonly name = 'RecordArgError';
}

export function checkDevice(dev: string): string {
  if (!DEVICE_NAME.test(dev) || dev === '.' || dev === '..') {
    throw new RecordArgError(`--dev ${JSON.stringify(dev)} is not a device name (1-15 of A-Z a-z 0-9 _ . : @ -, not starting with -)`);
  }
  return dev;
}

export function checkNetns(ns: string): string {
  if (!NETNS_NAME.test(ns) || ns === '.' || ns === '..') {
    throw new RecordArgError(`--netns ${JSON.stringify(ns)} is not a namespace name (1-64 of A-Z a-z 0-9 _ . -, not starting with -)`);
  }
  return ns;
}

/** Seconds between periodic counter snapshots: 0.1 .. 3600. */
export function checkInterval(text: string): number {
  const s = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(s >= 0.1 && s <= 3600)) throw new RecordArgError(`--interval ${JSON.stringify(text)} must be seconds between 0.1 and 3600`);
  return s;
}
