#!/usr/bin/env bash
# STAND-INS for the official postgres and redis images that docker-compose.yml uses, built from a local Debian
# base (docker/make-base-image.sh) and Debian's packages: for testing the compose file on a machine that reaches
# Debian's mirrors but no image registry (.ci/run, tests/e2e/test_compose.py). Production uses the official images.
#
#   docker/standins/build.sh [POSTGRES_TAG] [REDIS_TAG]   # default: local/postgres-standin local/redis-standin
#   MUSICBOT_POSTGRES_IMAGE=local/postgres-standin MUSICBOT_REDIS_IMAGE=local/redis-standin docker compose ...
set -euo pipefail
cd "$(dirname "$0")"
base="${BASE_IMAGE:-local/bookworm-python}"
postgres_tag="${1:-local/postgres-standin}"
redis_tag="${2:-local/redis-standin}"
# The classic builder (no BuildKit needed: nothing here mounts secrets), on the host's network for apt.
for name in postgres redis; do
  tag="$postgres_tag"; [ "$name" = redis ] && tag="$redis_tag"
  log="$(DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE_IMAGE=$base" \
    --file "$name.Dockerfile" --tag "$tag" . 2>&1)" || { printf '%s\n' "$log" >&2; exit 1; }
  echo "built $tag (stand-in for the official $name image) from $base"
done
