#!/usr/bin/env bash
# The "changed" run set for `queue-lens compare`: the one-run-sweeps set-up (../experiment/make-experiment.sh: two
# network namespaces, a veth with n tx queues, each queue capped by its own htb class, 8 iperf3 streams, the kernel
# picking the queues) with one thing changed: each queue's htb cap is 50 Mbit/s instead of 40. Every queue is
# faster; where the streams land is still the kernel's random choice. Namespaces get names unique to this process.
#
# usage: sudo samples/faster-queues/make-faster-queues.sh [OUTDIR]   (about 5 minutes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$here}
NSA="qlf$$A" NSB="qlf$$B" QMAX=8 TRIALS=${TRIALS:-10} DUR=3 RATE_MBIT=50 \
  bash "$here/../experiment/make-experiment.sh" "$OUT"
cd "$OUT" && tar czf tc.tar.gz tc && rm -r tc
