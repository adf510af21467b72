// What a capture says of its interfaces. Node-free, so the report's types (and the webview protocol) can name it.

/** One capture interface: pcap files have one, pcapng sections declare theirs. */
export interface InterfaceInfo {
  /** pcapng if_name as written in the file (cut to 256 bytes): untrusted text, escape before showing. */
  name: string;
  linkType: number;
  /** Seconds per timestamp unit (1e-6, 1e-9, 2^-k...). */
  tsresol: number;
  /** Packets dropped, from the last Interface Statistics Block (pcapng only). */
  drops?: number;
}
