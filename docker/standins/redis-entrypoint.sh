#!/bin/sh
# The stand-in Redis's start (redis.Dockerfile): `redis-server ARGS` as the official image runs it, listening on
# every address with protected mode off (the compose network is what keeps it private); any other command as is.
set -eu
if [ "${1:-}" = redis-server ]; then
  shift
  exec redis-server --bind '* -::*' --protected-mode no "$@"
fi
exec "$@"
