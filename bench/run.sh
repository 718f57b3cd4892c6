#!/usr/bin/env bash
# Runs the benchmark from a clean clone: installs the AWS stand-ins from the lockfile if needed, builds
# the bench (and the API it starts) in Release, and runs it. The bench starts its own stand-ins, silo
# and API on free loopback ports and stops them at the end. Markdown on stdout, progress on stderr,
# JSON in bench/results/. Options (e.g. --onboardings 5000 --concurrency 64 --scale 100000): --help.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "bench/run.sh: the .NET 10 SDK (dotnet) is not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "bench/run.sh: Node.js 20 or newer (node) is not installed" >&2; exit 1; }

scripts/install-local-aws.sh >&2
echo "building (Release)…" >&2
dotnet build bench/Onboarding.Bench/Onboarding.Bench.csproj -c Release -v quiet -nologo -clp:NoSummary >&2
exec dotnet bench/Onboarding.Bench/bin/Release/net10.0/Onboarding.Bench.dll "$@"
