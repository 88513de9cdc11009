#!/usr/bin/env bash
# Makes the browser tests runnable; idempotent (does nothing when everything is there).
#  - Debian's Chromium at /usr/bin/chromium (apt-get, as root; CI runs as root on a fresh Debian machine)
#  - Node.js and npm, if missing (apt-get, as root)
#  - node_modules from the committed package-lock.json (npm ci), when missing or older than the lock
# Never downloads a browser of its own: playwright-core drives /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

apt_install() {
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        echo "setup.sh: missing $*; install it (Debian: sudo apt-get install -y $*)" >&2
        exit 1
    fi
    echo "setup.sh: apt-get install -y $*"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "$@" >/dev/null; then
        apt-get update -q >/dev/null
        apt-get install -y -q "$@" >/dev/null
    fi
}

if [[ ! -x /usr/bin/chromium ]]; then
    apt_install chromium
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
    echo "setup.sh: playwright-core needs Node.js 20 or newer, found $(node --version)" >&2
    exit 1
fi

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.setup-stamp
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    echo "setup.sh: npm ci (e2e/browser)"
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$lock_sum" > "$stamp"
fi
