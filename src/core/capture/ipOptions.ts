/**
 * Bytes each IPv4 option's dissector in tshark reads whatever the option's length says (Security's level at 2,
 * a route's pointer at 2, CIPSO's 4-byte DOI…). An option shorter than that makes tshark's IPv4 dissector throw
 * ("Malformed Packet") before it hands the payload on, so its taps never see the TCP/UDP header (Suricata's
 * ip_secopt.pcap: a Security option of length 2). Options that are merely bogus (length below 2, running past the
 * header, unknown types) end tshark's option walk with a note and the packet is still counted.
 */
const MIN_READ = new Uint8Array(256);
MIN_READ[130] = 3; // Security
MIN_READ[133] = 3; // Extended security
MIN_READ[134] = 6; // CIPSO: the DOI
MIN_READ[131] = 3; // Loose source route: the pointer
MIN_READ[137] = 3; // Strict source route
MIN_READ[7] = 3; // Record route
MIN_READ[136] = 4; // Stream identifier
MIN_READ[68] = 4; // Timestamp: pointer, overflow and flags
MIN_READ[11] = 4; // MTU probe
MIN_READ[12] = 4; // MTU reply
MIN_READ[82] = 12; // Traceroute
MIN_READ[148] = 4; // Router alert
MIN_READ[25] = 8; // Quick-Start

/** ipOptions(): tshark would throw on these options. */
export const OPTIONS_THROW = -1;

/**
 * Walks IPv4 options (p to end: the header's bytes after its first 20) as tshark does: OPTIONS_THROW when one is
 * shorter than its fixed fields; otherwise, where the first loose or strict source route has a valid pointer, the
 * offset of its last address, which tshark takes as the packet's destination (its get_dst_offset()); else 0.
 */
export function ipOptions(b: Buffer, p: number, end: number): number {
  let dst = 0;
  let route = false;
  while (p < end) {
    const type = b[p];
    if (type === 0) break; // end of options
    if (type === 1) { p++; continue; } // no-operation
    if (p + 1 >= end) break; // no length byte: noted, not thrown
    const len = b[p + 1];
    if (len < 2 || p + len > end) break; // bogus length: the walk stops with a note
    if (len < MIN_READ[type]) return OPTIONS_THROW;
    if ((type === 131 || type === 137) && !route) {
      route = true;
      const ptr = b[p + 2];
      if (ptr >= 4 && (ptr & 3) === 0 && ptr <= len) dst = p + len - 4;
    }
    p += len;
  }
  return dst;
}
