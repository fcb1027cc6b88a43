#!/usr/bin/env bash
# Build musicbot's image for this machine's architecture and load it into the local Docker.
#
#   docker/build.sh [TAG]            # default tag: musicbot:<version>
#   BASE_IMAGE=local/bookworm-python docker/build.sh     # a base made by docker/make-base-image.sh
#
# pip's registry settings and CA bundle, when this machine has them (a proxy, a private index), go in as BuildKit
# secrets: they are mounted for one RUN and kept in no layer of the image.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)"  # the one place (musicbot.__version__ reads it back)
tag="${1:-musicbot:$version}"
base="${BASE_IMAGE:-python:3.12-slim-bookworm}"

# A Docker client that can build with BuildKit: buildx, or a client before 23.0 (BuildKit built in).
docker_build=()
for client in ${DOCKER:-} docker /usr/bin/docker; do
  command -v "$client" >/dev/null 2>&1 || continue
  if "$client" buildx version >/dev/null 2>&1; then
    docker_build=("$client" buildx build --load); break
  fi
  major="$("$client" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1)"
  if [ -n "$major" ] && [ "$major" -lt 23 ]; then
    docker_build=(env DOCKER_BUILDKIT=1 "$client" build); break
  fi
done
[ ${#docker_build[@]} -gt 0 ] || { echo "build.sh: no Docker client with BuildKit (install buildx)" >&2; exit 1; }

secrets=()
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
pip_setting() { python3 -m pip config get "global.$1" 2>/dev/null || true; }
ca="${PIP_CERT:-$(pip_setting cert)}"
ca="${ca:-${SSL_CERT_FILE:-}}"
if [ -n "$ca" ] && [ -s "$ca" ]; then secrets+=(--secret "id=ca_bundle,src=$ca"); fi
index="${PIP_INDEX_URL:-$(pip_setting index-url)}"
extra="${PIP_EXTRA_INDEX_URL:-$(pip_setting extra-index-url)}"
extra="$(printf '%s\n' $extra | grep -E '^https?://' | tr '\n' ' ' || true)"  # file:// indexes are not in the build
if [ -n "$index$extra" ]; then
  { echo "[global]"; [ -z "$index" ] || echo "index-url = $index"; [ -z "$extra" ] || echo "extra-index-url = $extra"; } \
    >"$workdir/pip.conf"
  secrets+=(--secret "id=pip_conf,src=$workdir/pip.conf")
fi

started=$SECONDS
"${docker_build[@]}" --network host "${secrets[@]}" \
  --build-arg "BASE_IMAGE=$base" --build-arg "VERSION=$version" --tag "$tag" ${DOCKER_BUILD_ARGS:-} .
size="$(docker image inspect --format '{{.Size}}' "$tag")"
echo "built $tag from $base in $((SECONDS - started)) s: $((size / 1000000)) MB"
