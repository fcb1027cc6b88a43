# musicbot's image: `docker/build.sh` (one architecture, loaded locally) or `docker/build-multiarch.sh`
# (amd64 + arm64 with buildx). Needs BuildKit (`DOCKER_BUILDKIT=1` or buildx) for the secret mounts below.
#
# The base is any Debian bookworm image with Python 3.11+ and `python3 -m venv` (python:3.12-slim-bookworm, or
# one made from Debian's packages with mmdebstrap where no registry is reachable: docs/operations.md).
ARG BASE_IMAGE=python:3.12-slim-bookworm
# FFmpeg: `bundled`, the static build in the imageio-ffmpeg wheel (what musicbot prefers everywhere: it starts
# in ~10 ms instead of ~45 ms; +170 MB), or `debian`, Debian's ffmpeg package (its libraries add ~450 MB).
ARG FFMPEG=bundled
# yt-dlp: empty for the version in requirements.lock (`make upgrade-ytdlp` moves it), a version such as
# 2026.12.1, or `latest` (the newest at build time; with `--no-cache` when rebuilding on the same machine).
ARG YTDLP_VERSION=

# --- builder: wheels for the locked dependencies and for musicbot, installed into a virtualenv ---------------
FROM ${BASE_IMAGE} AS builder
ARG FFMPEG
ARG YTDLP_VERSION
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore
WORKDIR /src
COPY requirements.lock ./
# The virtualenv first: its pip builds the wheels (Debian's python3 has no pip of its own).
RUN python3 -m venv /opt/musicbot
# Optional secrets for a registry behind a proxy: `pip_conf` (a pip.conf: index-url and the like) and
# `ca_bundle` (CA certificates). Secret mounts live for one RUN only: neither reaches a layer.
RUN --mount=type=secret,id=pip_conf --mount=type=secret,id=ca_bundle \
    set -eu; \
    if [ -s /run/secrets/pip_conf ]; then export PIP_CONFIG_FILE=/run/secrets/pip_conf; fi; \
    if [ -s /run/secrets/ca_bundle ]; then export PIP_CERT=/run/secrets/ca_bundle; fi; \
    /opt/musicbot/bin/pip wheel --quiet --wheel-dir /wheels --no-deps -r requirements.lock; \
    if [ -n "$YTDLP_VERSION" ]; then \
        spec=yt-dlp; if [ "$YTDLP_VERSION" != latest ]; then spec="yt-dlp==$YTDLP_VERSION"; fi; \
        rm /wheels/yt_dlp-*.whl && /opt/musicbot/bin/pip wheel --quiet --wheel-dir /wheels --no-deps "$spec"; \
    fi
COPY pyproject.toml README.md ./
COPY src ./src
RUN --mount=type=secret,id=pip_conf --mount=type=secret,id=ca_bundle \
    set -eu; \
    if [ -s /run/secrets/pip_conf ]; then export PIP_CONFIG_FILE=/run/secrets/pip_conf; fi; \
    if [ -s /run/secrets/ca_bundle ]; then export PIP_CERT=/run/secrets/ca_bundle; fi; \
    /opt/musicbot/bin/pip wheel --quiet --wheel-dir /wheels --no-deps . \
    && /opt/musicbot/bin/pip install --quiet --no-index --find-links /wheels --no-deps /wheels/*.whl \
    && /opt/musicbot/bin/pip check \
    && if [ "$FFMPEG" = debian ]; then rm /opt/musicbot/lib/python3*/site-packages/imageio_ffmpeg/binaries/ffmpeg-*; fi \
    # The bot never installs anything at run time: an upgrade (yt-dlp included) is a new image.
    && /opt/musicbot/bin/pip uninstall --quiet --yes pip \
    && rm -rf /opt/musicbot/lib/python3*/site-packages/numpy/*/tests /opt/musicbot/lib/python3*/site-packages/numpy/tests

# --- runtime: Python, libopus and tini from Debian, the virtualenv, a user without privileges -----------------
FROM ${BASE_IMAGE} AS runtime
ARG FFMPEG
ARG VERSION=unknown
LABEL org.opencontainers.image.title="musicbot" \
      org.opencontainers.image.description="A self-hostable Discord music bot" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"
RUN --mount=type=secret,id=ca_bundle \
    set -eu; \
    ca=""; if [ -s /run/secrets/ca_bundle ]; then ca="-o Acquire::https::CAInfo=/run/secrets/ca_bundle"; fi; \
    packages="libopus0 tini"; if [ "$FFMPEG" = debian ]; then packages="$packages ffmpeg"; fi; \
    apt-get $ca update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get $ca install -y -qq --no-install-recommends $packages \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
    && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home musicbot \
    && mkdir /data && chown musicbot:musicbot /data
COPY --from=builder /opt/musicbot /opt/musicbot
ENV PATH=/opt/musicbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    MUSICBOT_DATA_DIR=/data \
    MUSICBOT_LOG_FORMAT=json \
    MUSICBOT_HTTP_HOST=0.0.0.0 \
    MUSICBOT_HTTP_PORT=8080
VOLUME ["/data"]
WORKDIR /data
USER musicbot
EXPOSE 8080
# Ready: connected to Discord, the database answers, the audio sender runs (GET /readyz, 200 or 503).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python3 -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('MUSICBOT_HTTP_PORT', '8080'), timeout=4)"
ENTRYPOINT ["tini", "--", "musicbot"]
CMD ["run"]
