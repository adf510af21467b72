/** LINKTYPE_ values we can decode down to IP (numbers from the tcpdump.org link-type registry). */
export const LT_NULL = 0;
export const LT_ETHERNET = 1;
export const LT_PPP = 9;
export const LT_FDDI = 10;
export const LT_PPP_HDLC = 50;
export const LT_RAW = 101;
export const LT_C_HDLC = 104;
export const LT_IEEE802_11 = 105;
export const LT_LOOP = 108;
export const LT_LINUX_SLL = 113;
export const LT_RADIOTAP = 127;
export const LT_ARCNET_LINUX = 129;
/** DLT_USER2, which Apple's tools wrote PKTAP captures as (tshark reads it as PKTAP). */
export const LT_PKTAP_USER2 = 149;
export const LT_JUNIPER_ETHER = 178;
export const LT_PPI = 192;
export const LT_IPV4 = 228;
export const LT_IPV6 = 229;
export const LT_NFLOG = 239;
export const LT_IPOIB = 242;
export const LT_PKTAP = 258;
export const LT_LINUX_SLL2 = 276;

export const LINK_TYPE_NAMES: Record<number, string> = {
  [LT_NULL]: 'BSD loopback',
  [LT_ETHERNET]: 'Ethernet',
  [LT_PPP]: 'PPP',
  [LT_FDDI]: 'FDDI',
  [LT_PPP_HDLC]: 'PPP in HDLC framing',
  [LT_RAW]: 'Raw IP',
  [LT_C_HDLC]: 'Cisco HDLC',
  [LT_IEEE802_11]: 'IEEE 802.11',
  [LT_LOOP]: 'OpenBSD loopback',
  [LT_LINUX_SLL]: 'Linux cooked v1',
  [LT_RADIOTAP]: '802.11 radiotap',
  [LT_ARCNET_LINUX]: 'ARCNET (Linux)',
  [LT_PKTAP_USER2]: 'Apple PKTAP as user-defined 2 (USER2)',
  [LT_JUNIPER_ETHER]: 'Juniper Ethernet',
  [LT_PPI]: 'Per-Packet Information (PPI)',
  [LT_IPV4]: 'Raw IPv4',
  [LT_IPV6]: 'Raw IPv6',
  [LT_NFLOG]: 'Linux netfilter log (NFLOG)',
  [LT_IPOIB]: 'IP over InfiniBand',
  [LT_PKTAP]: 'Apple PKTAP',
  [LT_LINUX_SLL2]: 'Linux cooked v2',
};

/** Names of link types we read only to say what they are in messages. */
const OTHER_NAMES: Record<number, string> = {
  6: 'Token Ring (IEEE802_5)', 7: 'ARCNET', 8: 'SLIP', 100: 'ATM RFC 1483', 107: 'Frame Relay',
  117: 'OpenBSD pflog', 119: 'Prism 802.11', 122: 'IP over Fibre Channel',
  138: 'Apple IP over IEEE 1394', 139: 'MTP2 with pseudo-header', 143: 'DOCSIS', 147: 'user-defined (USER0)',
  163: '802.11 AVS', 165: 'SCCP', 166: 'Juniper PPPoE', 187: 'Bluetooth HCI H4', 189: 'Linux USB', 195: 'IEEE 802.15.4',
  201: 'Bluetooth HCI H4 with pseudo-header', 215: 'IEEE 802.15.4 non-ASK PHY', 220: 'Linux USB (mmapped)', 227: 'SocketCAN',
  249: 'Linux IPMI/I2C', 251: 'Bluetooth LE LL', 253: 'Linux netlink', 254: 'Bluetooth Linux monitor', 263: 'Bluetooth LE with PHDR',
  279: 'Linux vsock', 281: 'DSA tag (Broadcom)',
};

const SUPPORTED = new Set(Object.keys(LINK_TYPE_NAMES).map(Number));

export function isSupportedLinkType(lt: number): boolean {
  return SUPPORTED.has(lt);
}

/** "105 (IEEE 802.11)": the number and, where known, the name, for every message about a link type. */
export function linkTypeLabel(lt: number): string {
  const name = LINK_TYPE_NAMES[lt] ?? OTHER_NAMES[lt];
  return name ? `${lt} (${name})` : `${lt}`;
}

/** The supported list, for error messages: "0 (BSD loopback), 1 (Ethernet), …". */
export function supportedLinkTypes(): string {
  return [...SUPPORTED].sort((a, b) => a - b).map(linkTypeLabel).join(', ');
}

/**
 * Largest record libpcap reads for a link type (its max_snaplen_for_dlt(): 262144 for all of ours); a record above the
 * file's snap length but within this is read with a warning, as libpcap and Wireshark do.
 */
export const MAX_SNAPLEN = 262144;
