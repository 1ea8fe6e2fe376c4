#!/usr/bin/env bash
# Development: gateway from source with watch, and the Vite dev server (proxying /api) on :5173.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_node_modules
pnpm_cmd --parallel --filter @onpatrol/simulator --filter @onpatrol/gateway --filter @onpatrol/web run dev
