# A STAND-IN for the official `redis` image, for tests on a machine without Docker Hub (docker/standins/build.sh):
# Debian bookworm's Redis 7.0 (redis-server, redis-cli), run as the redis user, reachable from other containers
# without a password as the official image is (protected mode off). Production uses the official image (the
# compose file's default): this one is not hardened, tuned or maintained.
ARG BASE_IMAGE=local/bookworm-python
FROM ${BASE_IMAGE}
RUN set -eu; \
    apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
    && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/redis-entrypoint.sh
VOLUME ["/data"]
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["redis-entrypoint.sh"]
CMD ["redis-server"]
