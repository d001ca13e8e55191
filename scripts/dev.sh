#!/usr/bin/env bash
# Runs the portal on the local stack: moto (two AWS accounts), two real
# kube-apiservers, the reference operator for each cluster, and the
# Backstage app (http://localhost:3000) and backend (http://localhost:7007).
# Ctrl-C stops everything it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap

cleanup() {
  trap - EXIT INT TERM
  stop_group ${operator_pids:-} ${portal_pid:-}
  stop_sandbox
}
trap cleanup EXIT INT TERM

start_sandbox

operator_pids=""
for cluster in dev prod; do
  spawn_group "packages/sandbox/.state/$cluster/operator.log" \
    yarn workspace @internal/secrets-sync-operator start:local "$cluster"
  operator_pids="$operator_pids $spawned_pid"
done

echo "dev: operators logging to packages/sandbox/.state/{dev,prod}/operator.log" >&2
export BROWSER=none
setsid bash -c "$(declare -f yarn); repo_dir='$repo_dir'; yarn start" &
portal_pid=$!
wait "$portal_pid"
