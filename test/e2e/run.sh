#!/usr/bin/env bash
# End-to-end run of this package inside REAL n8n (2.41.x on Node 24, then 1.123.x on Node 20),
# against the bundled simulator. Loopback only. Ends with "N passed, N failed"; non-zero on failure.
#
# Usage: test/e2e/run.sh [--self-test-broken] [--hosts "2 1"]
#   --self-test-broken  pack deliberately broken copies and prove the run catches them
# Env: N8N_E2E_ROOT (host cache, default $HOME/.cache/n8n-e2e), E2E_HOSTS ("2 1"),
#      E2E_KEEP=1 (keep temp user folders), E2E_MIN_FREE_MB (override the disk estimate)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export N8N_E2E_ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
HOSTS=${E2E_HOSTS:-"2 1"}
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) HOSTS=$2; shift 2 ;;
    --self-test-broken) ARGS+=("$1"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# Any failure before the runner still ends with the summary line CI reads.
abort() { printf 'FAIL %s\n0 passed, 1 failed\n' "$*"; exit 1; }

export E2E_STARTED_AT=$(date +%s%3N)

# 1. disk: a cold host install needs room (npm cache included); a warm run only temp folders.
need_mb=400
for h in $HOSTS; do
  case "$h" in
    1) want=$(node -p 'require(process.argv[1]).dependencies.n8n' "$HERE/hosts/v1/package.json")
       [ "$(cat "$N8N_E2E_ROOT/n8n1/.ok" 2>/dev/null)" = "$want" ] || need_mb=$((need_mb + 2200)) ;;
    2) want=$(node -p 'require(process.argv[1]).dependencies.n8n' "$HERE/hosts/v2/package.json")
       [ "$(cat "$N8N_E2E_ROOT/n8n2/.ok" 2>/dev/null)" = "$want" ] || need_mb=$((need_mb + 3300)) ;;
    *) abort "unknown host '$h' (use 1 and/or 2)" ;;
  esac
done
need_mb=${E2E_MIN_FREE_MB:-$need_mb}
mkdir -p "$N8N_E2E_ROOT" || abort "cannot create the host cache $N8N_E2E_ROOT"
free_mb=$(df -Pm "$N8N_E2E_ROOT" | awk 'NR==2 {print $4}')
tmp_mb=$(df -Pm "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')
echo "e2e: host cache $N8N_E2E_ROOT: ${free_mb} MB free, need ~${need_mb} MB; ${TMPDIR:-/tmp}: ${tmp_mb} MB free"
if [ "$free_mb" -lt "$need_mb" ]; then
  abort "not enough disk for the real-n8n hosts: $N8N_E2E_ROOT has ${free_mb} MB free, needs ~${need_mb} MB" \
    "(a cold install of both hosts takes ~5 GB: n8n 1.x 1.7 GB + n8n 2.x with Node 24 2.9 GB, plus npm cache)." \
    "Free space there, or point N8N_E2E_ROOT at a disk with room."
fi
[ "$tmp_mb" -ge 300 ] || abort "only ${tmp_mb} MB free in ${TMPDIR:-/tmp}; the run needs ~300 MB for temp n8n user folders"

# 2. hosts (reused when their .ok marker matches)
t0=$SECONDS
for h in $HOSTS; do
  bash "$HERE/hosts/install.sh" "$h" || abort "installing n8n host $h failed (see the log above)"
done
echo "e2e: hosts ready in $((SECONDS - t0))s"

# 3. build (the runner packs what the build produced)
t0=$SECONDS
(cd "$REPO" && npm run build --silent >/dev/null) || abort "npm run build failed"
echo "e2e: build in $((SECONDS - t0))s"

# 4. the runner: stops every process it started itself; forward Ctrl-C / TERM to it by its PID.
node "$HERE/run.js" --hosts "$HOSTS" "${ARGS[@]}" &
runner=$!
trap 'kill -TERM "$runner" 2>/dev/null' INT TERM
while :; do
  wait "$runner"; rc=$?
  kill -0 "$runner" 2>/dev/null || break # a trapped signal ends `wait` early: wait for the cleanup
done
exit "$rc"
