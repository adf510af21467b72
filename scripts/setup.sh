#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: the two Debian packages the real-VS-Code layers need, then the npm
# dependencies. Safe to run again: apt-get skips what is installed, npm ci only runs when the lock file changed.
#   chromium     the browser the UI tests drive
#   libkrb5-dev  headers code-server's kerberos module compiles against (gssapi/gssapi.h)
#   bpftrace iperf3 iperf tcpdump ethtool iproute2   queue-lens record and the system test layer
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
# queue-lens record and its system tests (docs/record.md): the tracer, the traffic tools, the snapshots
command -v bpftrace >/dev/null || need+=(bpftrace)
command -v iperf3 >/dev/null || need+=(iperf3)
command -v iperf >/dev/null || need+=(iperf)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ethtool >/dev/null || need+=(ethtool)
command -v tc >/dev/null || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${need[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  echo "setup: installing Debian packages: ${need[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
