#!/usr/bin/env bash
# Installs the scanner from scripts/scan/package-lock.json into a cache (reused while the lock is unchanged),
# then runs scripts/scan/run.js. Needs dist/ (npm run build).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${N8N_SCAN_ROOT:-$HOME/.cache/n8n-scan}"
key="$(sha256sum "$here/package-lock.json" | cut -c1-16)"
if [ "$(cat "$home/.ok" 2>/dev/null)" != "$key" ]; then
	rm -rf "$home" && mkdir -p "$home"
	cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$home/"
	(cd "$home" && npm ci --no-audit --no-fund --loglevel=error) || { echo "scanner install failed"; echo "scan: 0 passed, 1 failed"; exit 1; }
	echo "$key" > "$home/.ok"
fi
node "$here/run.js" "$home"
