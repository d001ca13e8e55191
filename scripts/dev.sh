#!/usr/bin/env bash
# Runs the portal on the local stack: moto (two AWS accounts), two real
# kube-apiservers, the reference operator for each cluster, the External
# Secrets Operator for the clusters whose environments use it, and the
# Backstage app (http://localhost:3000) and backend (http://localhost:7007).
# Ctrl-C stops everything it started.
#
# Arguments are passed on to `yarn start` (backstage-cli repo start). A
# --config there replaces app-config.yaml, so list it first; config paths are
# taken from the repository root:
#   ./scripts/dev.sh --config app-config.yaml --config app-config.six-environments.yaml
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap

# The app and the backend resolve config paths from their own package
# directories, so relative ones are made absolute here.
start_args=()
while (($#)); do
  case "$1" in
    --config)
      (($# >= 2)) || { echo "dev: --config needs a file" >&2; exit 2; }
      start_args+=(--config "$(realpath -m -- "$2")")
      shift 2
      ;;
    --config=*) start_args+=(--config "$(realpath -m -- "${1#--config=}")"); shift ;;
    *) start_args+=("$1"); shift ;;
  esac
done

cleanup() {
  trap - EXIT INT TERM
  stop_group ${portal_pid:-}
  # by their pid files, so operators restarted meanwhile
  # (sandbox.sh restart-operators) stop too
  bash packages/sandbox/scripts/sandbox.sh stop-operators
  # likewise the External Secrets Operator's controllers (sandbox.sh start
  # runs them; restart-eso may have replaced them)
  bash packages/sandbox/scripts/sandbox.sh stop-eso
  stop_sandbox
}
trap cleanup EXIT INT TERM

start_sandbox

# in the background: they and the portal start side by side
bash packages/sandbox/scripts/sandbox.sh start-operators &
export BROWSER=none
setsid bash -c "$(declare -f yarn); repo_dir='$repo_dir'; yarn start \"\$@\"" dev ${start_args[@]+"${start_args[@]}"} &
portal_pid=$!
wait "$portal_pid"
