#!/usr/bin/env bash
# Runs the operator in the foreground against one cluster of the local stack
# (yarn sandbox:start), with the same inputs it takes in a real cluster: a
# kubeconfig and the standard AWS SDK credential chain (a shared-config
# profile assuming the operator role of that cluster's account).
set -euo pipefail

cluster="${1:-}"
case "$cluster" in
  dev) health_port="${SANDBOX_DEV_OPERATOR_PORT:-7101}" ;;
  prod) health_port="${SANDBOX_PROD_OPERATOR_PORT:-7102}" ;;
  *)
    echo "usage: yarn workspace @internal/secrets-sync-operator start:local <dev|prod> [operator flags]" >&2
    exit 2
    ;;
esac
shift

package_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="${SANDBOX_STATE_DIR:-$package_dir/../sandbox/.state}"
kubeconfig="$state_dir/$cluster/operator.kubeconfig"
for required in "$state_dir/sandbox.json" "$kubeconfig" "$state_dir/aws/config"; do
  if [[ ! -f "$required" ]]; then
    echo "$required is missing: the local stack is not running; run yarn sandbox:start" >&2
    exit 1
  fi
done

aws_endpoint="$(node -p "require('$state_dir/sandbox.json').aws.endpoint")"

export AWS_CONFIG_FILE="$state_dir/aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$state_dir/aws/credentials"
export AWS_PROFILE="$cluster-operator"
# Read by the AWS SDK for every service, so the profile's STS AssumeRole
# reaches the emulator too.
export AWS_ENDPOINT_URL="$aws_endpoint"
# A service-specific endpoint beats the one above; one set for another
# stack (the test scripts set it) must not send STS elsewhere.
export AWS_ENDPOINT_URL_STS="$aws_endpoint"

cd "$package_dir"
exec node --require @backstage/cli-node/config/nodeTransform.cjs src/main.ts \
  --kubeconfig "$kubeconfig" \
  --aws-endpoint "$aws_endpoint" \
  --health-port "$health_port" \
  --leader-election-namespace default \
  --identity "local-$cluster-$$" \
  "$@"
