/* Reference for bench:capture: a minimal libpcap loop building a bidirectional 5-tuple flow
 * table (Ethernet + VLAN, IPv4/IPv6, TCP/UDP), the same work the TypeScript reader does. */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#define CAP (1 << 20)
struct key { uint8_t proto, v6; uint16_t lport, hport; uint8_t lo[16], hi[16]; };
static struct key keys[CAP];
static uint8_t used[CAP];
static uint64_t pkts[CAP][2], bytes[CAP][2];
static unsigned nflows;

static uint32_t hash(const struct key *k) {
  const uint8_t *p = (const uint8_t *)k;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < sizeof *k; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static void count(const struct pcap_pkthdr *h, const u_char *b) {
  uint32_t n = h->caplen, off = 14;
  if (n < 14) return;
  uint16_t et = (b[12] << 8) | b[13];
  while ((et == 0x8100 || et == 0x88a8) && off + 4 <= n) { et = (b[off + 2] << 8) | b[off + 3]; off += 4; }
  struct key k; memset(&k, 0, sizeof k);
  const u_char *s, *d; int alen, l4;
  if (et == 0x0800) {
    if (off + 20 > n || ((b[off + 6] << 8 | b[off + 7]) & 0x1fff)) return;
    k.proto = b[off + 9]; s = b + off + 12; d = b + off + 16; alen = 4; l4 = off + (b[off] & 15) * 4;
  } else if (et == 0x86dd) {
    if (off + 40 > n) return;
    k.proto = b[off + 6]; k.v6 = 1; s = b + off + 8; d = b + off + 24; alen = 16; l4 = off + 40;
  } else return;
  if ((k.proto != 6 && k.proto != 17) || (uint32_t)l4 + 8 > n) return;
  uint16_t sp = b[l4] << 8 | b[l4 + 1], dp = b[l4 + 2] << 8 | b[l4 + 3];
  int c = memcmp(s, d, alen), fwd = c < 0 || (c == 0 && sp <= dp);
  memcpy(k.lo, fwd ? s : d, alen); memcpy(k.hi, fwd ? d : s, alen);
  k.lport = fwd ? sp : dp; k.hport = fwd ? dp : sp;
  uint32_t i = hash(&k) & (CAP - 1);
  while (used[i] && memcmp(&keys[i], &k, sizeof k)) i = (i + 1) & (CAP - 1);
  if (!used[i]) { used[i] = 1; keys[i] = k; nflows++; }
  pkts[i][!fwd]++; bytes[i][!fwd] += h->len;
}

int main(int argc, char **argv) {
  char err[PCAP_ERRBUF_SIZE];
  if (argc < 2) { fprintf(stderr, "usage: pcap-loop FILE\n"); return 2; }
  pcap_t *p = pcap_open_offline(argv[1], err);
  if (!p) { fprintf(stderr, "%s\n", err); return 2; }
  struct pcap_pkthdr *h; const u_char *b; unsigned long n = 0; int r;
  while ((r = pcap_next_ex(p, &h, &b)) == 1) { count(h, b); n++; }
  struct rusage ru; getrusage(RUSAGE_SELF, &ru);
  printf("{\"packets\":%lu,\"flows\":%u,\"maxRssKiB\":%ld}\n", n, nflows, ru.ru_maxrss);
  pcap_close(p);
  return 0;
}
