#!/usr/bin/env bash
# Browser test (`npm run test:browser`): real n8n with this package, driven in headless Debian
# chromium by puppeteer-core (no browser download), on n8n 2.41 and then 1.123. Installs chromium
# with apt when it is missing (CI runs as root), reuses the cached n8n hosts, builds, then runs
# browser.js once per host. Screenshots: out/browser/ (2.41) and out/browser/n8n1/ (1.123).
# Ends with one "browser: N passed, N failed" line summed over the hosts.
# Usage: browser.sh [--hosts "2 1"] [--old-codex]   Env: BROWSER_HOSTS ("2 1"), N8N_E2E_ROOT.
# `--old-codex` packs the codex files of before issue 15 (the search must then fail).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export N8N_E2E_ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
HOSTS=${BROWSER_HOSTS:-"2 1"}
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) HOSTS=$2; shift 2 ;;
    --host) HOSTS=$2; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
abort() { printf 'FAIL %s\nbrowser: 0 passed, 1 failed\n' "$*"; exit 1; }

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  [ "$(id -u)" = 0 ] || abort "chromium is missing at $CHROMIUM; install Debian's package: apt-get install chromium"
  echo "browser: installing Debian's chromium with apt-get"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null \
    || abort "apt-get install chromium failed"
fi
echo "browser: $("$CHROMIUM" --version 2>/dev/null)"
(cd "$HERE/../.." && npm run build --silent >/dev/null) || abort "npm run build failed"

passed=0
failed=0
runner=
trap '[ -n "$runner" ] && kill -TERM "$runner" 2>/dev/null' INT TERM
for h in $HOSTS; do
  t0=$SECONDS
  echo "== browser: n8n host $h"
  log=$(mktemp)
  if bash "$HERE/hosts/install.sh" "$h"; then
    exec {out}> >(tee "$log")
    tee_pid=$!
    node "$HERE/browser.js" --host "$h" "${ARGS[@]}" >&"$out" 2>&1 &
    runner=$!
    wait "$runner"
    runner=
    exec {out}>&-
    wait "$tee_pid"
  else
    echo "browser: 0 passed, 1 failed (installing n8n host $h failed, see above)" | tee "$log"
  fi
  line=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  rm -f "$log"
  if [ -z "$line" ]; then line="browser: 0 passed, 1 failed"; echo "FAIL host $h: no summary line"; fi
  p=$(sed -E 's/^browser: ([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  passed=$((passed + p))
  failed=$((failed + f))
  echo "browser host $h: $p passed, $f failed in $((SECONDS - t0)) s"
done
echo "browser: $passed passed, $failed failed"
[ "$failed" = 0 ]
