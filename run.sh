#!/usr/bin/env bash
# Sets up and runs the service on its local default: the AWS stand-ins (DynamoDB data kept in
# .data/), one silo and the API on http://127.0.0.1:5080. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$PWD"

api_url="${ONBOARDING_API_URL:-http://127.0.0.1:5080}"
run_dir="$repo/.run"
mkdir -p "$run_dir" "$repo/.data"

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: Node.js 20 or newer (node) is not installed" >&2; exit 1; }

scripts/install-local-aws.sh
echo "building…"
dotnet build Onboarding.sln -c Release -v quiet -nologo -clp:NoSummary

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  tools/local-aws/local-aws.sh stop
}
trap cleanup EXIT INT TERM

LOCAL_AWS_DYNAMODB_PATH="$repo/.data/dynamodb" tools/local-aws/local-aws.sh start

# The silo puts the API's address into the launch links it hands out.
DOTNET_ENVIRONMENT=Development Onboarding__PublicBaseUrl="$api_url/" \
  dotnet Silo/bin/Release/net10.0/Onboarding.Silo.dll --contentRoot "$repo/Silo" \
  > >(tee "$run_dir/silo.log") 2>&1 &
pids+=($!)

ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$api_url" \
  dotnet Api/bin/Release/net10.0/Onboarding.Api.dll --contentRoot "$repo/Api" > >(tee "$run_dir/api.log") 2>&1 &
pids+=($!)

for _ in $(seq 120); do
  if curl -fsS "$api_url/health/ready" >/dev/null 2>&1; then
    echo
    echo "Onboarding is ready: $api_url  (readiness: $api_url/health/ready, OpenAPI: $api_url/openapi/v1.json)"
    echo "Try: curl -sS -X POST $api_url/customers -H 'X-Api-Key: local-partner-key' -H 'Content-Type: application/json' -d '{\"accountId\":\"123456789012\"}'"
    echo "Logs: .run/silo.log, .run/api.log. Stop with Ctrl-C."
    break
  fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "run.sh: a process exited at start-up; see .run/*.log" >&2; exit 1; }; done
  sleep 0.5
done
wait -n "${pids[@]}"
