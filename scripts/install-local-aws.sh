#!/usr/bin/env bash
# Installs the local AWS stand-ins from the committed lockfile, unless already installed from it.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/local-aws" && pwd)"
stamp="$dir/node_modules/.installed-lock"
if [[ -f "$stamp" ]] && cmp -s "$stamp" "$dir/package-lock.json"; then exit 0; fi
echo "installing the local AWS stand-ins (npm ci)…"
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
cp "$dir/package-lock.json" "$stamp"
