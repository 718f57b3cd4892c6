#!/usr/bin/env bash
# Starts and stops a Redis server for Orleans' membership table (cluster mode), bound to 127.0.0.1 and
# kept in memory (the table describes running silos only). Records its PID and port in the state directory
# and stops it by PID, like tools/local-aws/local-aws.sh.
#
#   redis.sh start     start it on REDIS_PORT (or the first free port from 6379) and wait until it answers
#   redis.sh stop      stop it (by recorded PID)
#   redis.sh status    print whether it runs, and where
#   redis.sh port      print the port it runs on
#
# Settings (environment):
#   REDIS_PORT         the port (default: the first free one from 6379)
#   REDIS_STATE_DIR    PID, port and log files (default <repo>/.run/redis)
#   REDIS_WAIT_SECONDS how long to wait for an answer (default 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state_dir="${REDIS_STATE_DIR:-$repo/.run/redis}"
wait_seconds="${REDIS_WAIT_SECONDS:-30}"
pidfile="$state_dir/redis.pid"
portfile="$state_dir/redis.port"

die() { echo "redis: $*" >&2; exit 1; }
port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
first_free_port() { local p=6379; while port_answers "$p"; do p=$((p + 1)); done; echo "$p"; }
pong() { [[ "$(exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && head -c 7 <&3)" == "+PONG"* ]] 2>/dev/null; }

case "${1:-}" in
  start)
    command -v redis-server >/dev/null || die "redis-server is not installed: run scripts/install-cluster-tools.sh redis (Debian: apt-get install redis-server)"
    mkdir -p "$state_dir"
    if pid_alive; then die "redis already runs (pid $(cat "$pidfile"), port $(cat "$portfile")); stop it first"; fi
    port="${REDIS_PORT:-$(first_free_port)}"
    if port_answers "$port"; then die "port $port (for redis) is already taken by another process"; fi
    # No snapshot, no append-only file: nothing on disk, and a restart starts empty (silos re-join).
    nohup redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize no \
      --dir "$state_dir" >"$state_dir/redis.log" 2>&1 &
    echo $! >"$pidfile"
    echo "$port" >"$portfile"
    deadline=$((SECONDS + wait_seconds))
    until pong "$port"; do
      pid_alive || die "redis exited at start-up; its log ($state_dir/redis.log) says: $(tail -n 5 "$state_dir/redis.log" | tr '\n' ' ')"
      ((SECONDS < deadline)) || { kill "$(cat "$pidfile")" 2>/dev/null || true; die "redis did not answer on 127.0.0.1:$port within ${wait_seconds}s"; }
      sleep 0.1
    done
    echo "redis (cluster membership) on 127.0.0.1:$port"
    ;;
  stop)
    if pid_alive; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped redis (pid $pid)"
    fi
    rm -f "$pidfile" "$portfile"
    ;;
  status)
    if pid_alive; then echo "redis runs (pid $(cat "$pidfile"), port $(cat "$portfile"))"; else echo "redis is stopped"; fi
    ;;
  port)
    pid_alive || die "redis is not running"
    cat "$portfile"
    ;;
  *)
    echo "usage: $0 start|stop|status|port" >&2; exit 2 ;;
esac
