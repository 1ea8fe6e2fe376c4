#!/usr/bin/env bash
# Install what the tests need (Debian's chromium and ffmpeg, workspace deps), build, check types
# and lint, then run every test of the workspace against the real PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_apt chromium:chromium ffmpeg:ffmpeg -:fonts-noto-cjk gst-launch-1.0:gstreamer1.0-tools -:gstreamer1.0-plugins-good
ensure_node_modules
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
log "building"
pnpm_cmd -r --workspace-concurrency=1 run build
log "type-checking and linting"
pnpm_cmd -r run typecheck
pnpm_cmd exec biome check .
log "running tests"
mkdir -p test-results
set +e
pnpm_cmd exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
