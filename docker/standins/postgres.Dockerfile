# A STAND-IN for the official `postgres` image, for tests on a machine without Docker Hub (docker/standins/build.sh):
# Debian bookworm's PostgreSQL 15 with an entrypoint that honours what docker-compose.yml uses of the official
# image, and nothing more: POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD on first start, the data under
# /var/lib/postgresql/data, `pg_isready` for the health check, password logins from other containers.
# Production uses the official image (the compose file's default): this one is not hardened, tuned or maintained.
ARG BASE_IMAGE=local/bookworm-python
FROM ${BASE_IMAGE}
RUN set -eu; \
    mkdir -p /etc/postgresql-common \
    && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf \
    && apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         -o Dpkg::Options::=--force-confold postgresql-15 >/dev/null \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
    && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
    && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
    && chmod 0700 /var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
VOLUME ["/var/lib/postgresql/data"]
USER postgres
EXPOSE 5432
# SIGINT: PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave), as the official image.
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint.sh"]
CMD ["postgres"]
