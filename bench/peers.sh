#!/usr/bin/env bash
# Installs the Debian packages a bench measures against or drives with, only
# when missing (the way .ci/run does for the tests), so every bench runs from
# a fresh clone with its one npm command. Usage: bench/peers.sh <bench name>.
set -euo pipefail
need=()
want() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || need+=("$2"); }
case "${1:-}" in
  dns) want redis-server redis-server; want dnsperf dnsperf; want nsd nsd ;;
  scale) want redis-server redis-server; want dnsperf dnsperf ;;
  propagation) want redis-server redis-server ;;
  policy) want wrk wrk ;;
  *) echo "usage: bench/peers.sh dns|scale|propagation|policy" >&2; exit 2 ;;
esac
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  # The packages may start their own daemons (nsd, redis-server on the
  # default ports); the benches start theirs on free loopback ports, so stop
  # the packaged ones to keep them from taking CPU during a measurement.
  for unit in nsd redis-server; do
    if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$unit" >/dev/null 2>&1 || true; fi
    if command -v service >/dev/null 2>&1; then $SUDO service "$unit" stop >/dev/null 2>&1 || true; fi
  done
fi
