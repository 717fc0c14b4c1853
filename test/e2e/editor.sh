#!/usr/bin/env bash
# Demo: the simulator + real n8n 2.x with this package, its credential and every example imported.
# Prints the editor URL and a login, then runs until Ctrl-C. Best effort; not part of CI.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export N8N_E2E_ROOT=${N8N_E2E_ROOT:-$HOME/.cache/n8n-e2e}
bash "$HERE/hosts/install.sh" 2
(cd "$HERE/../.." && npm run build --silent >/dev/null)
exec node "$HERE/editor.js" "$@"
