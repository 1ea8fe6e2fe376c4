#!/usr/bin/env bash
# Run every benchmark under bench/ (each prints median and p95); see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_apt chromium:chromium ffmpeg:ffmpeg -:fonts-noto-cjk
ensure_node_modules
pnpm_cmd -r --workspace-concurrency=1 run build
for b in bench/*.ts; do
  log "bench: $b"
  node --conditions=source --import tsx "$b"
done
