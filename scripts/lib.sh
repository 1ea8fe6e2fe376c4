# Shared helpers for the root scripts. Sourced, not run.
# Installs only what is missing, from the npm registry and Debian's apt; never downloads binaries
# from anywhere else.

PNPM_VERSION=12.4.2

log() { printf '\033[1;34m[onpatrol]\033[0m %s\n' "$*"; }

# pnpm pinned to the workspace's version. corepack 0.34 cannot verify pnpm 12's signature, so the
# pinned release is run through npx (cached after the first run).
pnpm_cmd() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    pnpm "$@"
  else
    npx -y "pnpm@$PNPM_VERSION" "$@"
  fi
}

# Debian packages the system needs at run time (ffmpeg) or in tests (chromium, CJK fonts).
ensure_apt() {
  local missing=()
  for pair in "$@"; do
    local bin=${pair%%:*} pkg=${pair##*:}
    if [ "$bin" = "-" ]; then dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    else command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Workspace dependencies exactly as locked.
ensure_node_modules() {
  log "installing workspace dependencies (pnpm $PNPM_VERSION)"
  pnpm_cmd install --frozen-lockfile --reporter=append-only | grep -vE '^(Progress|Downloading)' || true
  [ -d node_modules/.pnpm ] || { echo "pnpm install failed" >&2; exit 1; }
}
