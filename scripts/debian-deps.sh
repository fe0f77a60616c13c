#!/usr/bin/env bash
# Installs the Debian packages that the tests or a bench need and npm does not bring, only
# when missing, so `npm test` and every `npm run bench:*` work from a fresh clone by themselves.
# Usage: scripts/debian-deps.sh test|dns|scale|propagation|policy
set -euo pipefail
need=()
want() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || need+=("$2"); }
case "${1:-}" in
  test)
    want redis-server redis-server; want redis-cli redis-tools; want dig bind9-dnsutils
    want kdig knot-dnsutils; want unbound unbound; want chromium chromium; want zsh zsh ;;
  dns) want redis-server redis-server; want dnsperf dnsperf; want nsd nsd ;;
  scale) want redis-server redis-server; want dnsperf dnsperf ;;
  propagation) want redis-server redis-server ;;
  policy) want wrk wrk ;;
  *) echo "usage: scripts/debian-deps.sh test|dns|scale|propagation|policy" >&2; exit 2 ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "missing ${need[*]}: install them (apt-get install ${need[*]}) or run as root" >&2; exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
# The packages may start their own daemons (nsd, redis-server, unbound on the default ports);
# tests and benches start theirs on free loopback ports, so stop the packaged ones to keep them
# from taking CPU during a measurement.
for unit in nsd redis-server unbound; do
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$unit" >/dev/null 2>&1 || true; fi
  if command -v service >/dev/null 2>&1; then $SUDO service "$unit" stop >/dev/null 2>&1 || true; fi
done
