#!/usr/bin/env bash
# The local stack: moto (AWS Secrets Manager + STS) and two real
# kube-apiservers (clusters "dev" and "prod"), with CRDs, RBAC, client
# configs and demo data, and the reference operator of each cluster. State,
# pids and logs live in packages/sandbox/.state (SANDBOX_STATE_DIR).
#
#   sandbox.sh start | stop | status
#   sandbox.sh restart-kube CLUSTER
#   sandbox.sh restart-aws                 a fresh moto, reseeded with the demo
#   sandbox.sh start-operators [CLUSTER]   in the background, pid and log in .state/CLUSTER
#   sandbox.sh stop-operators [CLUSTER]
#   sandbox.sh restart-operators [CLUSTER] (every cluster when none is named)
#   sandbox.sh start-eso [CLUSTER]         the External Secrets Operator's controller,
#   sandbox.sh stop-eso [CLUSTER]          one per cluster, pid and log in .state/CLUSTER
#   sandbox.sh restart-eso [CLUSTER]       (the clusters of SANDBOX_ESO_CLUSTERS when none
#                                          is named)
#
# moto holds its data in memory: restart-aws loses what was written since
# the last start, then seeds the demo again. Credentials issued before the
# restart keep acting in their account (moto/sts_fixes.py), so the portal
# and running operators carry on; the operators also refuse to delete
# Secrets while their account looks emptied.
#
# Ports: SANDBOX_AWS_PORT (4566), SANDBOX_DEV_PORT (6443), SANDBOX_PROD_PORT
# (6444); the operators' health ports SANDBOX_DEV_OPERATOR_PORT (7101),
# SANDBOX_PROD_OPERATOR_PORT (7102); ESO's metrics ports SANDBOX_DEV_ESO_PORT
# (7111), SANDBOX_PROD_ESO_PORT (7112).
#
# `start` runs ESO on the clusters whose demo environments use an ESO engine,
# SANDBOX_ESO_CLUSTERS ("dev" unless set; "" for none); `stop` stops every
# ESO controller it finds.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sandbox_dir="$(dirname "$script_dir")"
repo_dir="$(cd "$sandbox_dir/../.." && pwd)"
state_dir="${SANDBOX_STATE_DIR:-$sandbox_dir/.state}"
export SANDBOX_STATE_DIR="$state_dir"
venv="$sandbox_dir/.venv"
aws_port="${SANDBOX_AWS_PORT:-4566}"
declare -A kube_ports=([dev]="${SANDBOX_DEV_PORT:-6443}" [prod]="${SANDBOX_PROD_PORT:-6444}")
declare -A operator_ports=([dev]="${SANDBOX_DEV_OPERATOR_PORT:-7101}" [prod]="${SANDBOX_PROD_OPERATOR_PORT:-7102}")
export SANDBOX_DEV_OPERATOR_PORT="${operator_ports[dev]}" SANDBOX_PROD_OPERATOR_PORT="${operator_ports[prod]}"
declare -A eso_ports=([dev]="${SANDBOX_DEV_ESO_PORT:-7111}" [prod]="${SANDBOX_PROD_ESO_PORT:-7112}")
export SANDBOX_DEV_ESO_PORT="${eso_ports[dev]}" SANDBOX_PROD_ESO_PORT="${eso_ports[prod]}"
# the clusters whose demo environments (app-config.yaml) use an ESO engine
eso_clusters="${SANDBOX_ESO_CLUSTERS-dev}"

log() { echo "sandbox: $*" >&2; }

ensure_venv() {
  local stamp="$venv/.requirements.sha256"
  local want
  want="$(sha256sum "$sandbox_dir/requirements.txt" | cut -c1-64)"
  if [[ -x "$venv/bin/moto_server" && "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; then
    return
  fi
  log "installing moto into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$sandbox_dir/requirements.txt"
  echo "$want" >"$stamp"
}

running() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_moto() {
  local pid_file="$state_dir/moto.pid"
  if running "$pid_file"; then
    log "moto already running (pid $(cat "$pid_file"))"
    return
  fi
  # moto's server with the corrections that make its Secrets Manager behave
  # as AWS documents (moto/secretsmanager_fixes.py; the conformance suite in
  # src/conformance pins each one) and cost what AWS's calls do as an account
  # grows (moto/secretsmanager_scale.py)
  setsid "$venv/bin/python" "$sandbox_dir/moto/sandbox_moto.py" -H 127.0.0.1 -p "$aws_port" \
    </dev/null >"$state_dir/moto.log" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$aws_port/moto-api/data.json"; then
      log "moto ready at http://127.0.0.1:$aws_port"
      return
    fi
    sleep 0.2
  done
  log "moto did not answer on port $aws_port; log:"
  tail -n 20 "$state_dir/moto.log" >&2
  exit 1
}

start_kube() {
  local cluster="$1"
  bash "$script_dir/start-kube-apiserver.sh" "$state_dir/$cluster" "${kube_ports[$cluster]}" >&2
}

# Records where the servers listen, installs CRDs, RBAC and ESO's stores,
# writes client configs and seeds the demo; idempotent.
setup_stack() {
  (cd "$repo_dir" && node_modules/.bin/tsx "$sandbox_dir/src/cli.ts" \
    "$aws_port" "${kube_ports[dev]}" "${kube_ports[prod]}")
}

clusters_of() {
  case "${1:-}" in
    "") echo dev prod ;;
    dev | prod) echo "$1" ;;
    *) echo "sandbox: unknown cluster $1 (dev or prod)" >&2; exit 2 ;;
  esac
}

# The reference operator of one cluster, in its own session, so that a
# restarted one is stopped by stop-operators (and dev.sh's Ctrl-C) like the
# first.
launch_operator() {
  local cluster="$1" pid_file="$state_dir/$1/operator.pid"
  if running "$pid_file"; then
    log "operator $cluster already running (pid $(cat "$pid_file"))"
    return
  fi
  setsid bash "$repo_dir/packages/operator/scripts/start-local.sh" "$cluster" \
    </dev/null >>"$state_dir/$cluster/operator.log" 2>&1 &
  echo $! >"$pid_file"
}

# Waits until the operator of one cluster answers its readiness probe.
await_operator() {
  local cluster="$1" pid_file="$state_dir/$1/operator.pid" port="${operator_ports[$1]}"
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
      log "operator $cluster ready (pid $(cat "$pid_file"), health :$port, log $state_dir/$cluster/operator.log)"
      return
    fi
    running "$pid_file" || break
    sleep 0.2
  done
  log "operator $cluster did not become ready; log:"
  tail -n 20 "$state_dir/$cluster/operator.log" >&2
  exit 1
}

start_operators() {
  local cluster
  for cluster in "$@"; do launch_operator "$cluster"; done
  for cluster in "$@"; do await_operator "$cluster"; done
}

# The External Secrets Operator's controller of one cluster, in its own
# session like the operators.
declare -A eso_log_offsets=()
launch_eso() {
  local cluster="$1" pid_file="$state_dir/$1/external-secrets.pid" log_file="$state_dir/$1/external-secrets.log"
  if running "$pid_file"; then
    log "external-secrets $cluster already running (pid $(cat "$pid_file"))"
    return
  fi
  # where this run's lines start, so an earlier run's "Starting workers" does not count
  eso_log_offsets[$cluster]="$(stat -c %s "$log_file" 2>/dev/null || echo 0)"
  setsid bash "$script_dir/start-external-secrets.sh" "$cluster" \
    </dev/null >>"$log_file" 2>&1 &
  echo $! >"$pid_file"
}

# Waits until the controller of one cluster has started its ExternalSecret
# workers (it has no health probe; its caches are synced by then).
await_eso() {
  local cluster="$1" pid_file="$state_dir/$1/external-secrets.pid" log_file="$state_dir/$1/external-secrets.log"
  local offset="${eso_log_offsets[$cluster]:-0}"
  for _ in $(seq 1 300); do
    if tail -c "+$((offset + 1))" "$log_file" 2>/dev/null |
      grep '"Starting workers"' | grep -q '"controller":"externalsecret"'; then
      log "external-secrets $cluster ready (pid $(cat "$pid_file"), metrics :${eso_ports[$cluster]}, log $log_file)"
      return
    fi
    running "$pid_file" || break
    sleep 0.2
  done
  log "external-secrets $cluster did not start its workers; log:"
  tail -n 20 "$log_file" >&2
  exit 1
}

start_eso() {
  local cluster
  for cluster in "$@"; do launch_eso "$cluster"; done
  for cluster in "$@"; do await_eso "$cluster"; done
}

# The clusters a start-/stop-/restart-eso command acts on.
eso_clusters_of() {
  if [[ -n "${1:-}" ]]; then clusters_of "$1"; else echo "$eso_clusters"; fi
}

stop_pid() {
  local pid_file="$1"
  if running "$pid_file"; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start)
    mkdir -p "$state_dir/dev" "$state_dir/prod"
    ensure_venv
    bash "$script_dir/build-kube-apiserver.sh" >/dev/null
    # ESO's CRDs come from the module its controller is built from
    bash "$script_dir/build-external-secrets.sh" >/dev/null
    # not run by the stack: built ahead for the tests that start it themselves
    bash "$script_dir/build-kube-controller-manager.sh" >/dev/null
    start_moto
    start_kube dev
    start_kube prod
    setup_stack
    # shellcheck disable=SC2086 # a list of cluster names
    start_eso $eso_clusters
    log "ready: AWS http://127.0.0.1:$aws_port, dev https://127.0.0.1:${kube_ports[dev]}, prod https://127.0.0.1:${kube_ports[prod]}"
    ;;
  stop)
    stop_pid "$state_dir/dev/external-secrets.pid"
    stop_pid "$state_dir/prod/external-secrets.pid"
    stop_pid "$state_dir/dev/operator.pid"
    stop_pid "$state_dir/prod/operator.pid"
    stop_pid "$state_dir/dev/kube-apiserver.pid"
    stop_pid "$state_dir/prod/kube-apiserver.pid"
    stop_pid "$state_dir/moto.pid"
    rm -f "$state_dir/sandbox.json"
    log "stopped"
    ;;
  restart-kube)
    cluster="${2:?usage: sandbox.sh restart-kube dev|prod}"
    stop_pid "$state_dir/$cluster/kube-apiserver.pid"
    start_kube "$cluster"
    ;;
  restart-aws)
    stop_pid "$state_dir/moto.pid"
    start_moto
    setup_stack
    log "moto restarted and reseeded at http://127.0.0.1:$aws_port"
    ;;
  start-operators)
    start_operators $(clusters_of "${2:-}")
    ;;
  stop-operators)
    for cluster in $(clusters_of "${2:-}"); do stop_pid "$state_dir/$cluster/operator.pid"; done
    ;;
  restart-operators)
    for cluster in $(clusters_of "${2:-}"); do stop_pid "$state_dir/$cluster/operator.pid"; done
    start_operators $(clusters_of "${2:-}")
    ;;
  start-eso)
    start_eso $(eso_clusters_of "${2:-}")
    ;;
  stop-eso)
    # every cluster's when none is named, whatever SANDBOX_ESO_CLUSTERS says
    for cluster in $(clusters_of "${2:-}"); do stop_pid "$state_dir/$cluster/external-secrets.pid"; done
    ;;
  restart-eso)
    for cluster in $(eso_clusters_of "${2:-}"); do stop_pid "$state_dir/$cluster/external-secrets.pid"; done
    start_eso $(eso_clusters_of "${2:-}")
    ;;
  status)
    for f in moto.pid dev/kube-apiserver.pid prod/kube-apiserver.pid dev/operator.pid prod/operator.pid \
      dev/external-secrets.pid prod/external-secrets.pid; do
      if running "$state_dir/$f"; then echo "$f: running (pid $(cat "$state_dir/$f"))"; else echo "$f: stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 start | stop | status | restart-kube CLUSTER | restart-aws | start-operators|stop-operators|restart-operators [CLUSTER] | start-eso|stop-eso|restart-eso [CLUSTER]" >&2
    exit 2
    ;;
esac
