#!/usr/bin/env bash
# Queue Lens recorded sample: one `queue-lens record` run of iperf3 -P 8 over a veth with 4 tx queues.
#
# Two network namespaces joined by a veth with 4 tx queues, XPS off, and as ground truth an mq root with one htb
# per tx queue holding one leaf class per client port 42000..42007 (u32 match on the source port), as
# samples/experiment/make-experiment.sh does. `queue-lens record` (the built dist/cli.js) runs the iperf3 client
# and writes the run folder: run.json, command.log, trace.txt, counters/, config/, capture.pcap. truth.json
# is then derived from the htb leaf counters the run folder itself holds (counters/class-before/after.txt).
#
# Needs root, iproute2, iperf3, bpftrace, tcpdump, node and a built dist/ (npm run build).
# Uses only 10.78.0.1/2 inside the namespaces it creates, and deletes them on exit, also on error.
#
# usage: sudo samples/recorded/make-recorded.sh [OUTDIR]   (default samples/recorded/iperf3-p8-q4)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-$HERE/iperf3-p8-q4}
N=${N:-4}
STREAMS=8
CPORT=42000
RATE_MBIT=${RATE_MBIT:-20}
DUR=${DUR:-2}
NSA=qlrA$$
NSB=qlrB$$
DEVA=qlra$$
DEVB=qlrb$$
IPA=10.78.0.1
IPB=10.78.0.2
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  ip netns del "$NSA" 2>/dev/null || true
  ip netns del "$NSB" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[[ $(id -u) -eq 0 ]] || { echo "make-recorded: needs root" >&2; exit 3; }
hex() { printf '%x' "$1"; }

ip netns add "$NSA"; ip netns add "$NSB"
# no IPv6: router solicitations a few seconds after link-up would be stray traffic on the queues
for ns in "$NSA" "$NSB"; do ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n "$NSA" link set lo up; ip -n "$NSB" link set lo up
ip link add "$DEVA" netns "$NSA" numtxqueues "$N" numrxqueues "$N" type veth \
  peer name "$DEVB" netns "$NSB" numtxqueues "$N" numrxqueues "$N"
ip -n "$NSA" addr add "$IPA/24" dev "$DEVA"; ip -n "$NSB" addr add "$IPB/24" dev "$DEVB"
ip -n "$NSA" link set "$DEVA" up; ip -n "$NSB" link set "$DEVB" up
for ((q = 0; q < N; q++)); do echo 0 | ip netns exec "$NSA" tee "/sys/class/net/$DEVA/queues/tx-$q/xps_cpus" >/dev/null; done
tc -n "$NSA" qdisc add dev "$DEVA" root handle 1: mq
for ((q = 0; q < N; q++)); do
  major=$(hex $((16 + q)))
  tc -n "$NSA" qdisc add dev "$DEVA" parent "1:$(hex $((q + 1)))" handle "$major:" htb default ff
  tc -n "$NSA" class add dev "$DEVA" parent "$major:" classid "$major:1" htb rate "${RATE_MBIT}mbit" ceil "${RATE_MBIT}mbit" quantum 3028
  for ((s = 0; s < STREAMS; s++)); do
    tc -n "$NSA" class add dev "$DEVA" parent "$major:1" classid "$major:$(hex $((16 + s)))" htb \
      rate "$((RATE_MBIT * 1000 / STREAMS))kbit" ceil "${RATE_MBIT}mbit" quantum 3028
    tc -n "$NSA" filter add dev "$DEVA" parent "$major:" protocol ip prio 1 u32 \
      match ip sport "$((CPORT + s))" 0xffff flowid "$major:$(hex $((16 + s)))"
  done
  tc -n "$NSA" class add dev "$DEVA" parent "$major:1" classid "$major:ff" htb rate 1mbit ceil "${RATE_MBIT}mbit" quantum 3028
done

ip netns exec "$NSB" iperf3 -s -1 -B "$IPB" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do ip netns exec "$NSB" ss -ltn 2>/dev/null | grep -q ":5201 " && break; sleep 0.1; done
rm -rf "$OUT"
node "$ROOT/dist/cli.js" record "$OUT" --dev "$DEVA" --netns "$NSA" ${CAPTURE:+--capture} -- \
  ip netns exec "$NSA" iperf3 -c "$IPB" -P "$STREAMS" -t "$DUR" --cport "$CPORT"
wait "$SERVER_PID" || true
SERVER_PID=
chown -R --reference="$HERE" "$OUT" 2>/dev/null || true

# truth.json: port → the tx queue whose htb leaf counted its bytes (after − before), from the folder's own counters
node -e '
const fs = require("fs");
const [dir, cport, streams] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
const leaves = (f) => { const out = new Map(); let cur;
  for (const l of fs.readFileSync(f, "utf8").split("\n")) {
    const c = /^class htb ([0-9a-f]+):([0-9a-f]+) /.exec(l);
    if (c) { const minor = parseInt(c[2], 16); cur = minor >= 16 && minor < 16 + streams ? `${parseInt(c[1], 16) - 16}/${cport + minor - 16}` : undefined; continue; }
    const s = /^\s*Sent (\d+) bytes (\d+) pkt/.exec(l); if (s && cur) { out.set(cur, [Number(s[1]), Number(s[2])]); cur = undefined; } }
  return out; };
const b = leaves(`${dir}/counters/class-before.txt`), a = leaves(`${dir}/counters/class-after.txt`);
const ports = {};
for (const [k, [bytes, pkts]] of a) { const [q, p] = k.split("/").map(Number); const d = bytes - (b.get(k)?.[0] ?? 0);
  if (d > 0) (ports[p] ??= []).push({ queue: q, bytes: d, packets: pkts - (b.get(k)?.[1] ?? 0) }); }
fs.writeFileSync(`${dir}/truth.json`, JSON.stringify({
  description: "Ground truth of this recorded run: for each client port, the tx queue(s) whose per-port htb leaf class counted its bytes (tc -s class, after minus before, wire bytes including the Ethernet header), from counters/class-before.txt and class-after.txt.",
  queues: Number(process.argv[4]), ports }, null, 2) + "\n");
' "$OUT" "$CPORT" "$STREAMS" "$N"
echo "wrote $OUT" >&2
