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

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
source docker/secrets.sh

started=$SECONDS
"${docker_build[@]}" --network host ${secrets[@]+"${secrets[@]}"} \
  --build-arg "BASE_IMAGE=$base" --build-arg "VERSION=$version" --tag "$tag" ${DOCKER_BUILD_ARGS:-} .
size="$(docker image inspect --format '{{.Size}}' "$tag")"
echo "built $tag from $base in $((SECONDS - started)) s: $((size / 1000000)) MB"
