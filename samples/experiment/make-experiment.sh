#!/usr/bin/env bash
# Queue Lens sample experiment: the shape of the XenServer 7.0 multi-queue graph, on one Linux box.
#
# Two network namespaces joined by a veth with n tx queues (n = 1..8). Each tx queue is capped by its own
# htb class at one fixed rate: "one netback thread's worth of work per queue". 8 iperf3 TCP streams go from
# qlxA to qlxB. The kernel picks each stream's tx queue as it really does (XPS off: skb_tx_hash of the
# socket's random sk_txhash), so some runs spread the 8 streams unevenly and the aggregate shows the cost.
#
# Which queue each stream used is read from per-queue htb byte counters: inside each queue's htb there is one
# leaf class per client port (40000..40007, matched by u32 on the source port), all under the queue's capped
# parent class. The counters are read before and after each run; `tc -s class show` is kept per run.
#
# Needs root, iproute2 (ip, tc), iperf3, awk. Uses only 10.77.0.1/2 inside the namespaces it creates and
# deletes them on exit, also on error. Takes about 2-3 minutes with the defaults.
#
# usage: sudo samples/experiment/make-experiment.sh [OUTDIR]
#   env: QMAX (8) TRIALS (3) DUR seconds (3) RATE_MBIT per queue (40)
set -euo pipefail

OUT=${1:-$(cd "$(dirname "$0")" && pwd)}
QMAX=${QMAX:-8}
TRIALS=${TRIALS:-3}
DUR=${DUR:-3}
RATE_MBIT=${RATE_MBIT:-40}
STREAMS=8
CPORT=40000
NSA=${NSA:-qlxA}  # env overrides: unique names when several recordings share a machine
NSB=${NSB:-qlxB}
IPA=10.77.0.1
IPB=10.77.0.2
SERVER_PID=

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=
  ip netns del "$NSA" 2>/dev/null || true
  ip netns del "$NSB" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in ip tc iperf3 awk; do
  command -v "$tool" >/dev/null || { echo "make-experiment: $tool not found" >&2; exit 3; }
done
[[ $(id -u) -eq 0 ]] || { echo "make-experiment: needs root (network namespaces, tc)" >&2; exit 3; }

mkdir -p "$OUT/tc"
hex() { printf '%x' "$1"; }

# htb handle of tx queue q (0-based): 10+q in hex, so queue 0 → 10:, queue 7 → 17:
qhandle() { hex $((16 + $1)); }

setup() { # $1 = n queues
  local n=$1 q s major port
  cleanup
  ip netns add "$NSA"
  ip netns add "$NSB"
  ip -n "$NSA" link set lo up
  ip -n "$NSB" link set lo up
  # a fresh veth per run, created with exactly n queues each way
  ip link add vxA netns "$NSA" numtxqueues "$n" numrxqueues "$n" type veth \
    peer name vxB netns "$NSB" numtxqueues "$n" numrxqueues "$n"
  ip -n "$NSA" addr add "$IPA/24" dev vxA
  ip -n "$NSB" addr add "$IPB/24" dev vxB
  ip -n "$NSA" link set vxA up
  ip -n "$NSB" link set vxB up
  # XPS off: no CPU or rx-queue map, so netdev_pick_tx falls through to skb_tx_hash. veth starts with none;
  # clearing makes it explicit. (A one-queue device has no XPS at all: its xps_cpus refuses reads and writes.)
  if (( n > 1 )); then
    ip netns exec "$NSA" sh -c 'for f in /sys/class/net/vxA/queues/tx-*/xps_cpus; do echo 0 > "$f"; done
      for f in /sys/class/net/vxA/queues/tx-*/xps_rxqs; do { echo 0 > "$f"; } 2>/dev/null; done; true'
  fi
  # mq needs a multi-queue device; with one queue its htb is the root
  if (( n > 1 )); then tc -n "$NSA" qdisc add dev vxA root handle 1: mq; fi
  for ((q = 0; q < n; q++)); do
    major=$(qhandle "$q")
    if (( n > 1 )); then
      tc -n "$NSA" qdisc add dev vxA parent "1:$(hex $((q + 1)))" handle "$major:" htb default ff
    else
      tc -n "$NSA" qdisc add dev vxA root handle "$major:" htb default ff
    fi
    # the queue's capacity: every class below borrows from this one
    tc -n "$NSA" class add dev vxA parent "$major:" classid "$major:1" htb rate "${RATE_MBIT}mbit" ceil "${RATE_MBIT}mbit" quantum 3028
    for ((s = 0; s < STREAMS; s++)); do
      port=$((CPORT + s))
      tc -n "$NSA" class add dev vxA parent "$major:1" classid "$major:$(hex $((16 + s)))" \
        htb rate "$((RATE_MBIT * 1000 / STREAMS))kbit" ceil "${RATE_MBIT}mbit" quantum 3028
      tc -n "$NSA" filter add dev vxA parent "$major:" protocol ip prio 1 u32 \
        match ip sport "$port" 0xffff flowid "$major:$(hex $((16 + s)))"
    done
    # everything else (the iperf3 control connection, ARP) in its own leaf, same cap
    tc -n "$NSA" class add dev vxA parent "$major:1" classid "$major:ff" htb rate 1mbit ceil "${RATE_MBIT}mbit" quantum 3028
  done
}

# "queue port bytes" per client-port leaf class, from `tc -s class show`
port_bytes() {
  awk -v cport="$CPORT" '
    function h(x,   i, v) { v = 0; x = tolower(x); for (i = 1; i <= length(x); i++) v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1; return v }
    $1 == "class" && $2 == "htb" { split($3, id, ":"); maj = h(id[1]); min = h(id[2]); cur = (min >= 16 && min < 16 + 8) ? 1 : 0; next }
    cur && $1 == "Sent" { print maj - 16, cport + min - 16, $2; cur = 0 }
  ' "$1"
}

RUNS_JSON=()
for ((n = 1; n <= QMAX; n++)); do
  for ((t = 1; t <= TRIALS; t++)); do
    name="q$n-t$t"
    setup "$n"
    ip netns exec "$NSB" iperf3 -s -1 -B "$IPB" >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 50); do ip netns exec "$NSB" ss -ltn 2>/dev/null | grep -q ":5201 " && break; sleep 0.1; done
    tc -n "$NSA" -s class show dev vxA > "$OUT/tc/$name.before.txt"
    rm -f "$OUT/$name.iperf.log"
    ip netns exec "$NSA" iperf3 -c "$IPB" -P "$STREAMS" -t "$DUR" --cport "$CPORT" --logfile "$OUT/$name.iperf.log"
    wait "$SERVER_PID" || true
    SERVER_PID=
    tc -n "$NSA" -s class show dev vxA > "$OUT/tc/$name.after.txt"
    # bytes each client port sent through each queue (after − before); the queue with most bytes is the stream's
    entry=$(
      join -j1 <(port_bytes "$OUT/tc/$name.before.txt" | awk '{print $1"/"$2, $3}' | sort) \
               <(port_bytes "$OUT/tc/$name.after.txt" | awk '{print $1"/"$2, $3}' | sort) |
      awk -v n="$n" -v t="$t" -v rate="$RATE_MBIT" -v logf="$name.iperf.log" -v cport="$CPORT" -v streams="$STREAMS" '
        { split($1, k, "/"); d = $3 - $2; bytes[k[2], k[1]] = d; total[k[2]] += d }
        END {
          map = ""; mat = ""; moved = ""
          for (s = 0; s < streams; s++) {
            p = cport + s; best = -1; bq = -1; row = ""; used = 0
            for (q = 0; q < n; q++) {
              b = bytes[p, q] + 0
              row = row (q ? ", " : "") b
              if (b > best) { best = b; bq = q }
              if (total[p] > 0 && b > 0.01 * total[p]) used++
            }
            map = map (s ? ", " : "") "\"" p "\": " bq
            mat = mat (s ? ", " : "") "\"" p "\": [" row "]"
            if (used > 1) moved = moved (moved == "" ? "" : ", ") p
          }
          printf "    {\"log\": \"%s\", \"queues\": %d, \"trial\": %d, \"queueRateMbps\": %d,\n", logf, n, t, rate
          printf "     \"portQueue\": {%s},\n", map
          printf "     \"portQueueBytes\": {%s},\n", mat
          printf "     \"movedPorts\": [%s]}", moved
        }')
    RUNS_JSON+=("$entry")
    echo "$name: $(grep -E 'SUM.*receiver' "$OUT/$name.iperf.log" | tail -1)" >&2
  done
done
cleanup

{
  printf '{\n'
  printf '  "description": "8 iperf3 TCP streams over a veth with n tx queues, each queue capped by its own htb class; the kernel picks the queues (XPS off). portQueue: the tx queue (0-based) that carried each client port, from the per-queue htb byte counters (portQueueBytes, bytes per queue); movedPorts: ports with more than 1%% of their bytes on a second queue.",\n'
  printf '  "kernel": "%s",\n' "$(uname -sr)"
  printf '  "iperf3": "%s",\n' "$(iperf3 --version | head -1)"
  printf '  "tc": "%s",\n' "$(tc -V | head -1)"
  printf '  "command": "iperf3 -c %s -P %d -t %d --cport %d",\n' "$IPB" "$STREAMS" "$DUR" "$CPORT"
  printf '  "streams": %d,\n  "queueRateMbps": %d,\n  "date": "%s",\n' "$STREAMS" "$RATE_MBIT" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '  "runs": [\n'
  for ((i = 0; i < ${#RUNS_JSON[@]}; i++)); do
    printf '%s%s\n' "${RUNS_JSON[$i]}" "$([[ $i -lt $((${#RUNS_JSON[@]} - 1)) ]] && echo ,)"
  done
  printf '  ]\n}\n'
} > "$OUT/manifest.json"
echo "wrote $OUT/manifest.json (${#RUNS_JSON[@]} runs)" >&2
