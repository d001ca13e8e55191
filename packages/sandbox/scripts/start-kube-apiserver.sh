#!/usr/bin/env bash
# Starts the sandbox kube-apiserver (with embedded etcd) in the background.
#
#   start-kube-apiserver.sh STATE_DIR PORT [extra kube-apiserver flags...]
#
# Builds the binary first if needed (scripts/build-kube-apiserver.sh), then:
#   STATE_DIR/kube-apiserver.pid    pid of the server (stop it: kill "$(cat ...)")
#   STATE_DIR/kube-apiserver.log    server log (previous run: .log.prev)
#   STATE_DIR/ca.crt                CA for https://127.0.0.1:PORT
#   STATE_DIR/admin.kubeconfig      kubeconfig with the sandbox admin token
# Waits until /readyz answers "ok" with the admin token (timeout:
# KUBE_APISERVER_START_TIMEOUT seconds, default 90) and prints the log tail on
# failure. Tokens: packages/sandbox/kube/tokens.csv.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 STATE_DIR PORT [extra kube-apiserver flags...]" >&2
  exit 2
fi
state_dir="$1"
port="$2"
shift 2
if ! [[ "$port" =~ ^[0-9]+$ ]]; then
  echo "start-kube-apiserver: PORT must be a number, got '$port'" >&2
  exit 2
fi

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sandbox_dir="$(dirname "$script_dir")"
token_file="$sandbox_dir/kube/tokens.csv"
timeout="${KUBE_APISERVER_START_TIMEOUT:-90}"

mkdir -p "$state_dir"
state_dir="$(cd "$state_dir" && pwd)"
pid_file="$state_dir/kube-apiserver.pid"
log_file="$state_dir/kube-apiserver.log"
ca_file="$state_dir/ca.crt"
admin_token="$(grep -m1 'system:masters' "$token_file" | cut -d, -f1)"
if [[ -z "$admin_token" ]]; then
  echo "start-kube-apiserver: no system:masters token in $token_file" >&2
  exit 1
fi

readyz() {
  [[ -f "$ca_file" ]] || return 1
  local body
  body="$(curl -sS --max-time 3 --cacert "$ca_file" \
    -H "Authorization: Bearer $admin_token" \
    "https://127.0.0.1:$port/readyz" 2>/dev/null)" || return 1
  [[ "$body" == "ok" ]]
}

if [[ -f "$pid_file" ]]; then
  old_pid="$(cat "$pid_file")"
  if [[ -n "$old_pid" ]] && kill -0 "$old_pid" 2>/dev/null; then
    if readyz; then
      echo "start-kube-apiserver: already running (pid $old_pid) at https://127.0.0.1:$port" >&2
      exit 0
    fi
    echo "start-kube-apiserver: pid $old_pid from $pid_file is running but https://127.0.0.1:$port/readyz is not ok; stop it first" >&2
    exit 1
  fi
  rm -f "$pid_file"
fi

bin="$("$script_dir/build-kube-apiserver.sh" </dev/null)"

[[ -f "$log_file" ]] && mv -f "$log_file" "$log_file.prev"
start_ns="$(date +%s%N)"
# setsid: own session, so the server survives the caller's terminal/process group.
setsid "$bin" \
  --state-dir "$state_dir" \
  --port "$port" \
  --token-file "$token_file" \
  -- "$@" \
  </dev/null >"$log_file" 2>&1 &
pid=$!
echo "$pid" >"$pid_file"

deadline=$((SECONDS + timeout))
until readyz; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start-kube-apiserver: kube-apiserver (pid $pid) exited during startup; log tail ($log_file):" >&2
    tail -n 40 "$log_file" >&2 || true
    rm -f "$pid_file"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "start-kube-apiserver: https://127.0.0.1:$port/readyz not ok after ${timeout}s; log tail ($log_file):" >&2
    tail -n 40 "$log_file" >&2 || true
    kill "$pid" 2>/dev/null || true
    rm -f "$pid_file"
    exit 1
  fi
  sleep 0.5
done
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
echo "start-kube-apiserver: ready at https://127.0.0.1:$port in ${elapsed_ms} ms (pid $pid, ca $ca_file, kubeconfig $state_dir/admin.kubeconfig)"
