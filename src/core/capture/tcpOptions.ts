/**
 * TCP options tshark's dissector throws on ("Malformed Packet: TCP/MPTCP"), which stops it before its conversation
 * tap counts the packet. Found by feeding tshark 4.0.17 every option kind at every length 2-40 (test/unit/capture/
 * tcpOptions.test.ts keeps the cases): a SACK shorter than one block (length < 10; Suricata's tcp-empty-sack has
 * length 2), an MPTCP option shorter than 4, and MPTCP sub-options shorter than the fields their flags announce (DSS,
 * tcpdump's mptcp-dss-oobr.pcap; MP_FAIL, MP_FASTCLOSE). Other kinds, and bogus lengths (below 2, past the header),
 * end tshark's walk with a note and the packet still counts.
 */

/** Length an MPTCP option needs for what it announces (subtype in the high nibble of its third byte). */
function mptcpNeeds(b: Buffer, q: number): number {
  const subtype = b[q + 2] >> 4;
  if (subtype === 6 || subtype === 7) return 12; // MP_FAIL: data sequence number; MP_FASTCLOSE: the receiver's key
  if (subtype !== 2) return 4;
  // DSS: data ACK (A, 8 bytes when a), mapping (M: sequence number, 8 bytes when m; subflow sequence; length)
  const f = b[q + 3];
  return 4 + (f & 1 ? (f & 2 ? 8 : 4) : 0) + (f & 4 ? (f & 8 ? 8 : 4) + 6 : 0);
}

/**
 * True when tshark throws on the TCP header at p of hl bytes (hl > 20): it runs past the IP payload (ipEnd, as its
 * header states it), or an option is short. A header cut only by the snap length (end: what was captured) is counted:
 * tshark throws there too, but the ports are all there and a headers-only capture (`tcpdump -s 64`) is cut on purpose.
 */
export function tcpOptionsThrow(b: Buffer, p: number, hl: number, end: number, ipEnd: number): boolean {
  const last = p + hl;
  if (last > ipEnd) return true; // the header runs past the datagram itself
  if (last > end) return false; // cut by the snap length: options unseen
  for (let q = p + 20; q < last;) {
    const kind = b[q];
    if (kind === 0) return false; // end of options
    if (kind === 1) { q++; continue; }
    if (q + 1 >= last) return false;
    const len = b[q + 1];
    if (len < 2 || q + len > last) return false;
    if (kind === 5 ? len < 10 : kind === 30 && (len < 4 || len < mptcpNeeds(b, q))) return true;
    q += len;
  }
  return false;
}
