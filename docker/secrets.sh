# Sourced by docker/build.sh and docker/build-multiarch.sh: fills `secrets` with BuildKit --secret arguments for
# pip's CA bundle (`ca_bundle`, also apt's) and its index settings (`pip_conf`) when this machine has any (a TLS
# proxy, a private index). Secrets are mounted for one RUN and stay in no layer. Needs `workdir` (a temp dir).
secrets=()
pip_setting() { python3 -m pip config get "global.$1" 2>/dev/null || true; }
ca="${PIP_CERT:-$(pip_setting cert)}"
ca="${ca:-${SSL_CERT_FILE:-}}"
if [ -n "$ca" ] && [ -s "$ca" ]; then secrets+=(--secret "id=ca_bundle,src=$ca"); fi
index="${PIP_INDEX_URL:-$(pip_setting index-url)}"
extra="${PIP_EXTRA_INDEX_URL:-$(pip_setting extra-index-url)}"
# file:// indexes are on this machine, not in the build.
extra="$(printf '%s\n' $extra | grep -E '^https?://' | tr '\n' ' ' || true)"
if [ -n "$index$extra" ]; then
  { echo "[global]"; [ -z "$index" ] || echo "index-url = $index"; [ -z "$extra" ] || echo "extra-index-url = $extra"; } \
    >"$workdir/pip.conf"
  secrets+=(--secret "id=pip_conf,src=$workdir/pip.conf")
fi
