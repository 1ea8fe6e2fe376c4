#!/usr/bin/env bash
# Install what is missing, build, and start the whole system on the embedded default:
# gateway (API + web app) on http://127.0.0.1:8080, data in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_apt ffmpeg:ffmpeg
ensure_node_modules
log "building"
pnpm_cmd -r --workspace-concurrency=1 run build
exec node scripts/supervise.mjs
