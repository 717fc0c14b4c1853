#!/usr/bin/env bash
# Browser test (`npm run test:browser`): real n8n 2.41 with this package, driven in headless Debian
# chromium by puppeteer-core (no browser download). Installs chromium with apt when it is missing
# (CI runs as root), reuses the cached n8n host, builds, then runs browser.js. Screenshots: out/browser/.
# Ends with "browser: N passed, N failed". `--old-codex` packs the codex files of before issue 15.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export N8N_E2E_ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
abort() { printf 'FAIL %s\nbrowser: 0 passed, 1 failed\n' "$*"; exit 1; }

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  [ "$(id -u)" = 0 ] || abort "chromium is missing at $CHROMIUM; install Debian's package: apt-get install chromium"
  echo "browser: installing Debian's chromium with apt-get"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null \
    || abort "apt-get install chromium failed"
fi
echo "browser: $("$CHROMIUM" --version 2>/dev/null)"
bash "$HERE/hosts/install.sh" 2 || abort "installing n8n host 2 failed (see the log above)"
(cd "$HERE/../.." && npm run build --silent >/dev/null) || abort "npm run build failed"
node "$HERE/browser.js" "$@" &
runner=$!
trap 'kill -TERM "$runner" 2>/dev/null' INT TERM
wait "$runner"
