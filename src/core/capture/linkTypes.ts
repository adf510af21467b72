/** LINKTYPE_ values we can decode down to IP. */
export const LT_NULL = 0;
export const LT_ETHERNET = 1;
export const LT_RAW = 101;
export const LT_LOOP = 108;
export const LT_LINUX_SLL = 113;
export const LT_IPV4 = 228;
export const LT_IPV6 = 229;
export const LT_LINUX_SLL2 = 276;

const SUPPORTED = new Set([LT_NULL, LT_ETHERNET, LT_RAW, LT_LOOP, LT_LINUX_SLL, LT_IPV4, LT_IPV6, LT_LINUX_SLL2]);

export function isSupportedLinkType(lt: number): boolean {
  return SUPPORTED.has(lt);
}

export const LINK_TYPE_NAMES: Record<number, string> = {
  [LT_NULL]: 'BSD loopback',
  [LT_ETHERNET]: 'Ethernet',
  [LT_RAW]: 'Raw IP',
  [LT_LOOP]: 'OpenBSD loopback',
  [LT_LINUX_SLL]: 'Linux cooked v1',
  [LT_IPV4]: 'Raw IPv4',
  [LT_IPV6]: 'Raw IPv6',
  [LT_LINUX_SLL2]: 'Linux cooked v2',
};
