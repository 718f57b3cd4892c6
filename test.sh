#!/usr/bin/env bash
# Sets up and runs every test: installs the AWS stand-ins from the lockfile, restores, builds and
# runs the test project. Tests start the stand-ins themselves on free ports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "test.sh: Node.js 20 or newer (node) is not installed" >&2; exit 1; }

scripts/install-local-aws.sh
# The fault suite runs redis-server; a test validates docker-compose.yml with docker-compose.
scripts/install-cluster-tools.sh
# The browser tests drive Debian's Chromium.
scripts/install-browser.sh
dotnet test Onboarding.sln -c Release --logger "console;verbosity=normal" "$@"
