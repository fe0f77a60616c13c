#!/usr/bin/env bash
# Runs a built plinkd image with podman and checks it: the process is not root, the image's
# HEALTHCHECK passes, /healthz answers on the published port, and SIGTERM stops it with exit 0.
# Usage: deploy/image-smoke.sh IMAGE      (bounded: gives up after 60 s)
set -euo pipefail
image=${1:?usage: deploy/image-smoke.sh IMAGE}
name="plinkd-smoke-$$"
trap 'podman rm -f "$name" >/dev/null 2>&1 || true' EXIT
start() { podman run -d --name "$name" "$@" -p 127.0.0.1::8080 "$image" >/dev/null; }
# Sandboxes that refuse raising rlimits or nested cgroups (crun) take runc with lowered limits.
if ! start 2>/dev/null; then
  podman rm -f "$name" >/dev/null 2>&1 || true
  start --runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096
fi
uid=$(podman exec "$name" node -p 'process.getuid()')
[ "$uid" != 0 ] || { echo "runs as root" >&2; exit 1; }
healthy=no
for _ in $(seq 1 30); do
  if podman healthcheck run "$name" >/dev/null 2>&1; then healthy=yes; break; fi
  sleep 2
done
[ "$healthy" = yes ] || { podman logs "$name" | tail -20 >&2; echo "HEALTHCHECK never passed" >&2; exit 1; }
port=$(podman port "$name" 8080/tcp | head -1 | sed 's/.*://')
node -e "fetch('http://127.0.0.1:$port/healthz').then(async r=>{const b=await r.json();console.log('healthz',r.status,JSON.stringify(b.status),'uid',$uid);process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})"
podman stop -t 15 "$name" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || { echo "exit code $code after SIGTERM" >&2; exit 1; }
echo "stopped with exit 0 on SIGTERM"
