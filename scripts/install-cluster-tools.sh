#!/usr/bin/env bash
# Installs what cluster mode and its tests need from Debian, where absent: redis-server (the silos'
# membership table) and docker-compose (only to validate docker-compose.yml; no container engine is needed).
#   install-cluster-tools.sh            both
#   install-cluster-tools.sh redis      redis-server only (./run.sh --silos N)
set -euo pipefail
packages=()
command -v redis-server >/dev/null || packages+=(redis-server)
if [[ "${1:-all}" != redis ]]; then command -v docker-compose >/dev/null || packages+=(docker-compose); fi
((${#packages[@]} == 0)) && exit 0

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-cluster-tools: ${packages[*]} missing; install them (apt-get install ${packages[*]}) as root" >&2; exit 1; }
  sudo=(sudo)
fi
command -v apt-get >/dev/null || { echo "install-cluster-tools: ${packages[*]} missing and no apt-get here; install them with your package manager" >&2; exit 1; }
echo "installing ${packages[*]} (apt-get)…"
"${sudo[@]}" apt-get update -qq
# The scripts never use a system Redis service the package may start: they start their own on a free port.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
