#!/usr/bin/env bash
# `npm run test:e2e:queue`: the package in REAL n8n 2.41 in queue mode (PostgreSQL + Redis, one
# main, two workers, one webhook processor), against the simulator, on 127.0.0.1 only.
# Installs Debian's postgresql and redis-server when missing (as root, as CI runs), the n8n 2.x
# host when missing, builds, then runs test/e2e/queue.js. Ends with "N passed, N failed".
# Usage: test/e2e/queue.sh [--broken local-dedupe]
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export N8N_E2E_ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
abort() { printf 'FAIL %s\n0 passed, 1 failed\n' "$*"; exit 1; }
t_all=$SECONDS

# 1. PostgreSQL and Redis from Debian's packages (only their binaries are used: own data dirs, ports)
pg_ok() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
if ! pg_ok || ! command -v redis-server >/dev/null; then
  [ "$(id -u)" = 0 ] || abort "postgresql and redis-server are needed: sudo apt-get install -y postgresql redis-server"
  t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y --no-install-recommends postgresql redis-server >/dev/null ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends postgresql redis-server >/dev/null; }) ||
    abort "apt-get install postgresql redis-server failed"
  echo "queue: installed postgresql + redis-server in $((SECONDS - t0))s"
fi
pg_ok || abort "no /usr/lib/postgresql/<n>/bin/initdb after the install"

# 2. the n8n 2.x host (reused when its .ok marker matches)
t0=$SECONDS
bash "$HERE/hosts/install.sh" 2 || abort "installing the n8n 2.x host failed (see the log above)"
echo "queue: host ready in $((SECONDS - t0))s"

# 3. build (the runner packs what the build produced)
t0=$SECONDS
(cd "$REPO" && npm run build --silent >/dev/null) || abort "npm run build failed"
echo "queue: build in $((SECONDS - t0))s"

# 4. the runner stops what it started by PID; forward Ctrl-C / TERM to it and wait for its cleanup.
node "$HERE/queue.js" "$@" &
runner=$!
trap 'kill -TERM "$runner" 2>/dev/null' INT TERM
while :; do
  wait "$runner"; rc=$?
  kill -0 "$runner" 2>/dev/null || break
done
exit "$rc"
