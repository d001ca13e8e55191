#!/usr/bin/env bash
# A throw-away PostgreSQL 15 for integration tests, from Debian's packages
# (apt's postgresql-15): a cluster in packages/sandbox/.state/postgres,
# listening on loopback only, owned by the unprivileged postgres user
# (initdb and the server refuse to run as root).
#
#   postgres.sh start    initialise on first use, start, wait until it answers
#   postgres.sh stop     stop it (the data stays for the next start)
#   postgres.sh status   running or stopped, with its URL
#   postgres.sh url      the connection URL tests read (POSTGRES_URL)
#
# POSTGRES_PORT (5433) and POSTGRES_STATE_DIR override the defaults.
set -euo pipefail
# runuser lives in sbin, which a minimal PATH (CI's /usr/bin:/bin) leaves out
PATH="$PATH:/usr/sbin:/sbin"

sandbox_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${POSTGRES_BIN_DIR:-/usr/lib/postgresql/15/bin}"
state_dir="${POSTGRES_STATE_DIR:-$sandbox_dir/.state/postgres}"
data_dir="$state_dir/data"
socket_dir="$state_dir/run"
port="${POSTGRES_PORT:-5433}"
password="sandbox-only"
url="postgresql://postgres:$password@127.0.0.1:$port/postgres"

# A fresh machine may not have Debian's PostgreSQL yet; the package also
# creates the postgres user the cluster runs as.
ensure_installed() {
  [[ -x "$bin_dir/initdb" ]] && return
  echo "postgres: installing postgresql-15 from apt" >&2
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
}

# Runs a command as the postgres user when this script runs as root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_dirs() {
  mkdir -p "$state_dir" "$socket_dir"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres: "$state_dir" "$socket_dir"
  fi
}

initialise() {
  [[ -f "$data_dir/PG_VERSION" ]] && return
  local pwfile
  pwfile="$state_dir/.pwfile"
  printf '%s\n' "$password" >"$pwfile"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$pwfile"
  as_owner "$bin_dir/initdb" -D "$data_dir" -U postgres --auth=scram-sha-256 \
    --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 >"$state_dir/initdb.log"
  rm -f "$pwfile"
}

running() {
  [[ -f "$data_dir/PG_VERSION" ]] && as_owner "$bin_dir/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

start() {
  ensure_installed
  ensure_dirs
  initialise
  if running; then
    echo "postgres: already running on $port"
    return
  fi
  # fsync off: a test database is thrown away, and a shared machine's disk is slow
  as_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$state_dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $socket_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  echo "postgres: running on $port"
}

stop() {
  if running; then
    as_owner "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null
  fi
  echo "postgres: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running; then echo "postgres: running $url"; else echo "postgres: stopped"; fi
    ;;
  url) echo "$url" ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
