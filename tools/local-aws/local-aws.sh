#!/usr/bin/env bash
# Starts and stops the local AWS stand-ins: dynalite (DynamoDB), fauxqs (SNS, SQS, S3, with the
# SNS publish policy gate) and the STS stand-in (AssumeRole, GetCallerIdentity, role registry), all
# bound to 127.0.0.1. Records PIDs in the state directory and stops them by PID.
#
#   local-aws.sh start    start all three and wait until they answer
#   local-aws.sh stop     stop all three (by recorded PID)
#   local-aws.sh status   print what runs
#
# Settings (environment):
#   LOCAL_AWS_DYNAMODB_PORT  dynalite port          (default 8000)
#   LOCAL_AWS_PORT           fauxqs port            (default 4566)
#   LOCAL_AWS_STS_PORT       STS stand-in port      (default 4567)
#   LOCAL_AWS_ACCOUNT_ID     the account of the "test"/"local" keys, owning the topics (default 111122223333)
#   LOCAL_AWS_STATE_DIR      PID and log files      (default <repo>/.run/local-aws)
#   LOCAL_AWS_DYNAMODB_PATH  keep DynamoDB data on disk in this folder (default: in memory)
#   LOCAL_AWS_WAIT_SECONDS   how long to wait for an answer (default 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dynamo_port="${LOCAL_AWS_DYNAMODB_PORT:-8000}"
aws_port="${LOCAL_AWS_PORT:-4566}"
sts_port="${LOCAL_AWS_STS_PORT:-4567}"
state_dir="${LOCAL_AWS_STATE_DIR:-$repo/.run/local-aws}"
dynamo_path="${LOCAL_AWS_DYNAMODB_PATH:-}"
wait_seconds="${LOCAL_AWS_WAIT_SECONDS:-30}"

die() { echo "local-aws: $*" >&2; exit 1; }

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

check_installed() {
  command -v node >/dev/null || die "node is not installed (Node.js 20 or newer is needed)"
  [[ -f "$here/node_modules/dynalite/cli.js" && -d "$here/node_modules/fauxqs" && -d "$here/node_modules/@cloud-copilot/iam-simulate" ]] ||
    die "the stand-ins are not installed: run 'npm ci --prefix $here' first"
}

start_one() { # name port command...
  local name="$1" port="$2"; shift 2
  local pidfile="$state_dir/$name.pid" log="$state_dir/$name.log"
  if pid_alive "$pidfile"; then die "$name already runs (pid $(cat "$pidfile")); stop it first"; fi
  if port_answers "$port"; then die "port $port (for $name) is already taken by another process"; fi
  nohup "$@" >"$log" 2>&1 &
  echo $! >"$pidfile"
}

wait_for() { # name port
  local name="$1" port="$2" pidfile="$state_dir/$1.pid" deadline=$((SECONDS + wait_seconds))
  until port_answers "$port"; do
    if ! pid_alive "$pidfile"; then
      die "$name exited at start-up; its log ($state_dir/$name.log) says: $(tail -n 5 "$state_dir/$name.log" | tr '\n' ' ')"
    fi
    ((SECONDS < deadline)) || die "$name did not answer on 127.0.0.1:$port within ${wait_seconds}s"
    sleep 0.1
  done
}

stop_one() {
  local name="$1" pidfile="$state_dir/$1.pid"
  if pid_alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "stopped $name (pid $pid)"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start)
    check_installed
    mkdir -p "$state_dir"
    dynamo_args=(--host 127.0.0.1 --port "$dynamo_port" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0)
    if [[ -n "$dynamo_path" ]]; then mkdir -p "$dynamo_path"; dynamo_args+=(--path "$dynamo_path"); fi
    start_one dynalite "$dynamo_port" node "$here/node_modules/dynalite/cli.js" "${dynamo_args[@]}"
    stop_started() { for name in "$@"; do stop_one "$name" >/dev/null; done; }
    if ! start_one fauxqs "$aws_port" node "$here/fauxqs-server.mjs" "$aws_port"; then stop_started dynalite; exit 1; fi
    if ! start_one sts "$sts_port" node "$here/sts-server.mjs" "$sts_port"; then stop_started dynalite fauxqs; exit 1; fi
    wait_for dynalite "$dynamo_port" && wait_for fauxqs "$aws_port" && wait_for sts "$sts_port" ||
      { stop_started dynalite fauxqs sts; exit 1; }
    echo "dynalite (DynamoDB) on http://127.0.0.1:$dynamo_port${dynamo_path:+ (data in $dynamo_path)}"
    echo "fauxqs (SNS, SQS, S3) on http://127.0.0.1:$aws_port"
    echo "STS stand-in and role registry (/_local/iam/roles) on http://127.0.0.1:$sts_port"
    ;;
  stop)
    stop_one sts
    stop_one fauxqs
    stop_one dynalite
    ;;
  status)
    for name in dynalite fauxqs sts; do
      if pid_alive "$state_dir/$name.pid"; then echo "$name runs (pid $(cat "$state_dir/$name.pid"))"; else echo "$name is stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
