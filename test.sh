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
# The console log is long (silo processes log as JSON); on failure its end repeats each failed test's
# message and stack so that the last screen says what failed.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! dotnet test Onboarding.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"; then
  echo
  echo "test.sh: failed tests:"
  awk '/^  Failed /{ p = 1; n = 0 }
       /^  (Passed|Skipped) / || /Standard (Output|Error) Messages:/ { p = 0 }
       p && !/^\{"EventId"/ && n++ < 60' "$log"
  exit 1
fi
