// What a decoder found next. A layer is either a LINKTYPE_ number (below 0x10000: Ethernet, raw IP, …) or
// ET | ethertype (a payload whose type is an ethertype: after a VLAN tag, in GRE, PPP's protocol mapped to one…).
export const ET = 0x10000;

// decodePacket's outcome.
/** Not a TCP/UDP packet (ARP, ICMP, routing…), or one we could not decode: Decoded.reason says which. */
export const NONE = 0;
/** A TCP or UDP header with its ports. */
export const FLOW = 1;
/** An IP-level tunnel (GRE, ERSPAN, IP-in-IP): Decoded holds the carrier's addresses and innerOff/innerLink/innerEnd. */
export const IP_TUNNEL = 2;
/** An IPv4/IPv6 fragment other than the first: Decoded holds addresses, proto and fragId. */
export const FRAGMENT = 3;
/** An 802.11 A-MSDU: Decoded.innerOff/innerEnd span its subframes, each an LLC/SNAP packet of its own. */
export const AMSDU = 4;

/**
 * Why a packet was not counted in a flow, when that is worth a warning: an encapsulation we recognise but cannot open,
 * or a header tshark also rejects. 0: nothing to say (plainly not TCP/UDP).
 */
export const R_MACSEC = 1;
export const R_ESP = 2;
export const R_GRE = 3;
export const R_MPLS = 4;
export const R_NSH = 5;
export const R_ERSPAN = 6;
export const R_GTP = 7;
export const R_TCP_HDR = 8;
export const R_UDP_LEN = 9;
export const R_IP_LEN = 10;
/** An IPv4 option shorter than the fields tshark's dissector of it reads (ipOptions.ts): tshark throws before its taps. */
export const R_IP_OPT = 11;
export const R_IP6_EXT = 12;
export const R_DEPTH = 13;
export const R_LINK_HDR = 14;
export const R_IP6_ZERO = 15;
export const R_WLAN_PROTECTED = 16;
/** A TCP header running past the packet, or an option tshark throws on (tcpOptions.ts). */
export const R_TCP_OPT = 17;
export const R_IPCOMP = 18;
export const R_COUNT = 19;

/** "312 packets <text>": the warning for each reason. */
export const REASON_TEXT: string[] = [
  '',
  'in MACsec (802.1AE) frames not decoded (encrypted or modified payload)',
  'in IPsec ESP not decoded (encrypted)',
  'in GRE with a payload type we do not decode',
  'in MPLS with a payload that is neither IP nor Ethernet pseudowire',
  'in NSH with a next protocol we do not decode',
  'in ERSPAN with a frame type or version we do not decode',
  'in GTP-U not carrying IPv4 or IPv6 user data',
  'rejected as tshark does: TCP data offset below 5 (header shorter than 20 bytes)',
  'rejected as tshark does: UDP length below 8',
  'rejected as tshark does: IPv4 total length shorter than its header, or header length below 20',
  'rejected as tshark does: an IPv4 option shorter than its fixed fields (tshark reports a malformed packet)',
  'rejected: IPv6 extension headers running past the packet',
  'not decoded: more than 1024 headers nested',
  'not decoded: link-layer header (NFLOG, PKTAP, PPI, Juniper, radiotap) malformed or carrying a link type we do not decode',
  'rejected as tshark does: IPv6 payload length 0 without a Jumbo Payload option (GSO/BIG TCP frames captured before segmentation)',
  'in protected (encrypted) 802.11 data frames not decoded',
  'rejected as tshark does: TCP header running past the packet, or a SACK/MPTCP option shorter than its fields (tshark reports a malformed packet)',
  'in IPComp whose payload does not inflate as DEFLATE (not decoded, as by tshark)',
];
