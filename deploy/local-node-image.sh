#!/usr/bin/env bash
# Builds a local stand-in for the node:20-bookworm-slim base image, for machines that reach
# Debian's packages but no container registry: a minimal Debian bookworm root (debootstrap,
# from the mirror apt already uses) plus this machine's own Node 20 (/usr/bin/node and npm).
# Then: podman build --build-arg NODE_IMAGE=localhost/plinkd-base:<tag> ...
# Usage: deploy/local-node-image.sh [tag]   (prints the image name on its last line)
set -euo pipefail
command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
command -v podman >/dev/null || { echo "needs podman (apt-get install podman)" >&2; exit 2; }
node_version=$(node -p 'process.versions.node')
case "$node_version" in 20.*) ;; *) echo "needs Node 20 on this machine, found $node_version" >&2; exit 2 ;; esac
image="localhost/plinkd-base:${1:-node$node_version-bookworm}"
if podman image exists "$image"; then echo "$image"; exit 0; fi
# The Debian archive apt already uses (the first source whose path ends in /debian).
mirror=$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true) |
  grep -oE 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ')
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt sources" >&2; exit 2; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase bookworm "$root/fs" "$mirror" >"$root/debootstrap.log" 2>&1 ||
  { tail -20 "$root/debootstrap.log" >&2; exit 1; }
# Node's own runtime needs libstdc++ (in minbase) and libc; npm is plain JavaScript.
install -m 0755 "$(readlink -f "$(command -v node)")" "$root/fs/usr/bin/node"
cp -a "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$root/fs/usr/lib/node_modules-npm"
mkdir -p "$root/fs/usr/lib/node_modules" && mv "$root/fs/usr/lib/node_modules-npm" "$root/fs/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/fs/usr/bin/npm"
rm -rf "$root/fs/var/cache/apt/archives"/*.deb "$root/fs/var/lib/apt/lists"/*
tar -C "$root/fs" -c . | podman import --change 'CMD ["node"]' - "$image" >/dev/null
echo "$image"
