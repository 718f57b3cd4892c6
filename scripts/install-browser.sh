#!/usr/bin/env bash
# Installs Debian's Chromium where absent: the browser tests drive /usr/bin/chromium through Playwright
# (Playwright's own browser download needs the internet; the tests never use it).
set -euo pipefail
command -v chromium >/dev/null && exit 0

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-browser: chromium missing; install it (apt-get install chromium) as root" >&2; exit 1; }
  sudo=(sudo)
fi
command -v apt-get >/dev/null || { echo "install-browser: chromium missing and no apt-get here; install it with your package manager" >&2; exit 1; }
echo "installing chromium (apt-get)…"
# Another install may hold dpkg's lock for a while (CI, a second script): wait for it rather than fail.
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null
