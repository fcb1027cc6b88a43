#!/usr/bin/env bash
# Build musicbot's image for amd64 and arm64 with buildx (QEMU runs the other architecture's steps).
#
#   docker/build-multiarch.sh ghcr.io/OWNER/musicbot --push     # tags :<version> and :latest
#   PLATFORMS=linux/arm64 docker/build-multiarch.sh musicbot --load   # one platform into the local Docker
#
# Extra arguments go to `docker buildx build` (--push, --load, --cache-from ...). Needs a buildx builder that
# can build for every platform: `docker buildx create --use` after installing QEMU's binfmt handlers
# (`docker run --privileged --rm tonistiigi/binfmt --install arm64`, or docker/setup-qemu-action in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

image="${1:?usage: docker/build-multiarch.sh IMAGE [docker buildx build arguments...]}"
shift
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)"
platforms="${PLATFORMS:-linux/amd64,linux/arm64}"

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
source docker/secrets.sh

docker buildx build --platform "$platforms" ${secrets[@]+"${secrets[@]}"} \
  --build-arg "BASE_IMAGE=${BASE_IMAGE:-python:3.12-slim-bookworm}" --build-arg "VERSION=$version" \
  --tag "$image:$version" --tag "$image:latest" "$@" .
