#!/usr/bin/env bash
# Runs the portal on the local stack: moto (two AWS accounts), two real
# kube-apiservers, the reference operator for each cluster, and the
# Backstage app (http://localhost:3000) and backend (http://localhost:7007).
# Ctrl-C stops everything it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap

cleanup() {
  trap - EXIT INT TERM
  [[ -n "${operator_pids:-}" ]] && kill $operator_pids 2>/dev/null || true
  [[ -n "${portal_pid:-}" ]] && kill -- -"$portal_pid" 2>/dev/null || true
  bash packages/sandbox/scripts/sandbox.sh stop
}
trap cleanup EXIT INT TERM

bash packages/sandbox/scripts/sandbox.sh start

operator_pids=""
for cluster in dev prod; do
  yarn workspace @internal/secrets-sync-operator start:local "$cluster" \
    >"packages/sandbox/.state/$cluster/operator.log" 2>&1 &
  operator_pids="$operator_pids $!"
done

# integration-aws-node assumes each account's role through STS; the AWS SDK
# sends STS calls to moto when this is set.
export AWS_ENDPOINT_URL_STS="http://127.0.0.1:${SANDBOX_AWS_PORT:-4566}"
export BROWSER=none
setsid bash -c "$(declare -f yarn); yarn start" &
portal_pid=$!
wait "$portal_pid"
