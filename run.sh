#!/usr/bin/env bash
# Sets up and runs the service on its local default: the AWS stand-ins (DynamoDB data kept in
# .data/), one silo and the API on http://127.0.0.1:5080. Ctrl-C stops everything it started.
#   ./run.sh --silos N   a local cluster instead: Redis (membership) on a free port, N silos on their own
#                        ports (silo i: 11111+i, gateway 30000+i, metrics 9464+i), the API a client of all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
repo="$PWD"

silos=1
while (($#)); do
  case "$1" in
    --silos) [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || { echo "run.sh: --silos takes a number of silos from 1 to 99" >&2; exit 2; }; silos="$2"; shift 2 ;;
    *) echo "usage: $0 [--silos N]" >&2; exit 2 ;;
  esac
done

api_url="${ONBOARDING_API_URL:-http://127.0.0.1:5080}"
run_dir="$repo/.run"
mkdir -p "$run_dir" "$repo/.data"

command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: Node.js 20 or newer (node) is not installed" >&2; exit 1; }

scripts/install-local-aws.sh
((silos == 1)) || scripts/install-cluster-tools.sh redis
echo "building…"
dotnet build Onboarding.sln -c Release -v quiet -nologo -clp:NoSummary

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((silos == 1)) || tools/redis/redis.sh stop
  tools/local-aws/local-aws.sh stop
}
trap cleanup EXIT INT TERM

LOCAL_AWS_DYNAMODB_PATH="$repo/.data/dynamodb" tools/local-aws/local-aws.sh start

cluster=()
if ((silos == 1)); then
  silo_logs=(.run/silo.log)
else
  tools/redis/redis.sh start
  redis="127.0.0.1:$(tools/redis/redis.sh port)"
  # Every silo and the API on this one machine: loopback addresses are allowed (Cluster:LocalCluster).
  cluster=(Cluster__Clustering=Redis Cluster__RedisConnectionString="$redis")
  silo_logs=()
fi

for ((i = 1; i <= silos; i++)); do
  per_silo=()
  log="$run_dir/silo.log"
  if ((silos > 1)); then
    per_silo=(Cluster__AdvertisedIPAddress=127.0.0.1 Cluster__LocalCluster=true Cluster__SiloPort=$((11111 + i))
              Cluster__GatewayPort=$((30000 + i)) Telemetry__PrometheusPort=$((9464 + i)))
    log="$run_dir/silo-$i.log"
    silo_logs+=(".run/silo-$i.log")
  fi
  # The silo puts the API's address into the launch links it hands out.
  env DOTNET_ENVIRONMENT=Development Onboarding__PublicBaseUrl="$api_url/" "${cluster[@]}" "${per_silo[@]}" \
    dotnet Silo/bin/Release/net10.0/Onboarding.Silo.dll --contentRoot "$repo/Silo" \
    > >(tee "$log") 2>&1 &
  pids+=($!)
  echo "silo $i: pid $!, log ${log#"$repo/"}"
done

env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$api_url" "${cluster[@]}" \
  dotnet Api/bin/Release/net10.0/Onboarding.Api.dll --contentRoot "$repo/Api" > >(tee "$run_dir/api.log") 2>&1 &
pids+=($!)
api_pid=$!

for _ in $(seq 120); do
  if curl -fsS "$api_url/health/ready" >/dev/null 2>&1; then
    echo
    echo "Onboarding is ready: $api_url  (readiness: $api_url/health/ready, OpenAPI: $api_url/openapi/v1.json)"
    echo "Try: curl -sS -X POST $api_url/customers -H 'X-Api-Key: local-partner-key' -H 'Content-Type: application/json' -d '{\"accountId\":\"123456789012\"}'"
    echo "Operator console: $api_url/console (sign in with local-operator-key). A customer's page: the pageUrl of that start's answer (/onboard/…);"
    echo "  an invitation: curl -sS -X POST $api_url/invitations -H 'X-Api-Key: local-partner-key' -H 'Content-Type: application/json' -d '{\"reference\":\"crm-1\"}' (its url)."
    ((silos == 1)) || echo "A cluster of $silos silos on Redis membership ($redis); silo i listens on 11111+i, its gateway on 30000+i."
    echo "Logs: ${silo_logs[*]}, .run/api.log. Stop with Ctrl-C."
    break
  fi
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "run.sh: a process exited at start-up; see .run/*.log" >&2; exit 1; }; done
  sleep 0.5
done
# One silo: run until any process ends. A cluster: until the API ends (a silo may die and come back).
if ((silos == 1)); then wait -n "${pids[@]}"; else wait "$api_pid"; fi
