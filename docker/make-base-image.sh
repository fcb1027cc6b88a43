#!/usr/bin/env bash
# A Debian bookworm base image with Python from Debian's packages, for machines that reach Debian's mirrors (or a
# local mirror) but no image registry. Needs root, mmdebstrap and a Docker daemon.
#
#   docker/make-base-image.sh [TAG]     # default: local/bookworm-python
#   BASE_IMAGE=local/bookworm-python docker/build.sh
#
# Docs, manuals and translations are left out (the image has no man command and speaks English).
set -euo pipefail
tag="${1:-local/bookworm-python}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# Debian's signing keys, also where the host is another distribution (debian-archive-keyring on Ubuntu).
keyring=()
if [ -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
fi

started=$SECONDS
mmdebstrap --variant=minbase ${keyring[@]+"${keyring[@]}"} --include=python3,python3-venv,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$workdir/base.tar" "$mirror" >"$workdir/mmdebstrap.log" 2>&1 ||
  { cat "$workdir/mmdebstrap.log" >&2; exit 1; }
# The dpkg excludes apply to what apt installs later too (the Dockerfile's runtime packages).
previous="$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
docker import --change 'CMD ["python3"]' --change 'ENV LANG=C.UTF-8' "$workdir/base.tar" "$tag" >/dev/null
# The image the tag named before is left with no name: removed, unless a container or another tag still uses it.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
echo "base image $tag in $((SECONDS - started)) s: $(($(docker image inspect --format '{{.Size}}' "$tag") / 1000000)) MB"
