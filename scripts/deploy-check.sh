#!/usr/bin/env bash
# Verifies the ways to run plinkd (docs/deploy.md) with their own tools, each where present:
#   systemd-analyze verify deploy/plinkd.service
#   docker-compose (or docker compose / podman-compose) config for deploy/compose.yaml, and
#     that it refuses to start without PLINKD_API_TOKENS
#   with --image: builds the Dockerfile with podman (or docker) and runs the image until its
#     HEALTHCHECK command passes; NODE_IMAGE picks the base (deploy/local-node-image.sh makes
#     one from this machine's Node where no registry is reachable).
# A missing tool is reported as "skipped", never as passed. Exit 1 if any check failed.
# Usage: npm run deploy:check [-- --image]
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0
pass() { echo "ok       $1"; }
skip() { echo "skipped  $1 ($2)"; }
fail() { echo "FAILED   $1"; failed=1; }

if command -v systemd-analyze >/dev/null; then
  if out=$(systemd-analyze verify deploy/plinkd.service 2>&1) && [ -z "$out" ]; then pass "systemd-analyze verify deploy/plinkd.service"
  else echo "$out"; fail "systemd-analyze verify deploy/plinkd.service"; fi
else skip "systemd unit" "no systemd-analyze"; fi

compose=()
if command -v docker-compose >/dev/null; then compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v podman-compose >/dev/null; then compose=(podman-compose); fi
if [ ${#compose[@]} -gt 0 ]; then
  if PLINKD_API_TOKENS=check-token "${compose[@]}" -f deploy/compose.yaml config >/dev/null; then pass "${compose[*]} config (deploy/compose.yaml)"
  else fail "${compose[*]} config (deploy/compose.yaml)"; fi
  refusal=$(env -u PLINKD_API_TOKENS "${compose[@]}" -f deploy/compose.yaml config 2>&1)
  if [[ "$refusal" == *'set PLINKD_API_TOKENS'* ]]; then
    pass "compose refuses to start without PLINKD_API_TOKENS"
  else fail "compose refuses to start without PLINKD_API_TOKENS"; fi
else skip "compose file" "no docker-compose, docker compose or podman-compose"; fi

if [ "${1:-}" = "--image" ]; then
  if command -v podman >/dev/null; then
    base=${NODE_IMAGE:-node:20-bookworm-slim}
    secret=()
    [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && secret=(--secret "id=npm_ca,src=$NODE_EXTRA_CA_CERTS")
    # chroot isolation and docker format: builds where nested cgroups are unavailable, keeps HEALTHCHECK.
    if podman build --isolation chroot --format docker "${secret[@]}" --build-arg "NODE_IMAGE=$base" -t localhost/plinkd:check . >/tmp/plinkd-image-build.log 2>&1; then
      pass "podman build (base $base)"
      bash deploy/image-smoke.sh localhost/plinkd:check && pass "image runs as non-root, HEALTHCHECK passes" || fail "image smoke test"
    else tail -20 /tmp/plinkd-image-build.log; fail "podman build (base $base)"; fi
  else skip "image" "no podman"; fi
else skip "image build" "pass --image"; fi
exit $failed
