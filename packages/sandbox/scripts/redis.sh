#!/usr/bin/env bash
# A throw-away Redis for the tests of caches shared between backend
# replicas, from Debian's packages (apt's redis-server, installed here when
# missing): no persistence, listening on loopback only.
#
#   redis.sh start    start it and wait until it answers
#   redis.sh stop     stop it
#   redis.sh status   running or stopped, with its URL
#   redis.sh url      the connection URL tests read (REDIS_URL)
#
# REDIS_PORT (6380) and REDIS_STATE_DIR override the defaults.
set -euo pipefail

sandbox_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="${REDIS_STATE_DIR:-$sandbox_dir/.state/redis}"
port="${REDIS_PORT:-6380}"
pid_file="$state_dir/redis.pid"
url="redis://127.0.0.1:$port"

ensure_installed() {
  command -v redis-server >/dev/null && return
  echo "redis: installing redis-server from apt" >&2
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
}

ping() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]]
}

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  ensure_installed
  mkdir -p "$state_dir"
  if running && ping; then
    echo "redis: already running on $port"
    return
  fi
  # no snapshots nor append-only file: a test cache is thrown away
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --dir "$state_dir" --daemonize yes --pidfile "$pid_file" \
    --logfile "$state_dir/redis.log"
  for _ in $(seq 1 100); do
    ping && { echo "redis: running on $port"; return; }
    sleep 0.1
  done
  echo "redis: not answering on $port; log tail:" >&2
  tail -n 20 "$state_dir/redis.log" >&2 || true
  exit 1
}

stop() {
  if running; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pid_file"
  echo "redis: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running && ping; then echo "redis: running $url"; else echo "redis: stopped"; fi
    ;;
  url) echo "$url" ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
