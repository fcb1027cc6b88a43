#!/bin/sh
# The stand-in PostgreSQL's start (postgres.Dockerfile): on an empty data directory, a cluster whose superuser is
# POSTGRES_USER with POSTGRES_PASSWORD, and the database POSTGRES_DB; then PostgreSQL in the foreground, listening
# on every address with password logins (scram-sha-256) from other hosts, as the official image does.
set -eu
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?the stand-in PostgreSQL needs POSTGRES_PASSWORD}"
  password_file="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    pg_ctl --wait --silent --options="-c listen_addresses='' -c log_min_messages=warning" start
    createdb --username="$user" "$database"
    pg_ctl --wait --silent --mode=fast stop
  fi
  echo "stand-in PostgreSQL: initialised $PGDATA (user $user, database $database)"
fi
if [ "${1:-}" = postgres ]; then
  shift
  exec postgres -c listen_addresses='*' "$@"
fi
exec "$@"
