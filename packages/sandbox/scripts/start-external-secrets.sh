#!/usr/bin/env bash
# Runs the External Secrets Operator's controller in the foreground against
# one cluster of the local stack, out of cluster, as its Helm chart runs it
# in one: its own identity (kubeconfig external-secrets), no webhook and no
# cert-controller (its CRDs convert nothing), the core reconcilers only.
#
#   start-external-secrets.sh CLUSTER [controller flags]
#
# It reconciles the stores of controller class secrets-sync-sandbox (the
# ClusterSecretStore aws-<account> of each cluster, seedExternalSecretStores)
# and the ExternalSecrets, PushSecrets and ClusterExternalSecrets that use
# them. AWS calls go to the stack's moto: AWS_SECRETSMANAGER_ENDPOINT and
# AWS_STS_ENDPOINT are the provider's endpoint overrides; a store's `role`
# makes moto's STS hand out credentials acting in that role's account.
# Metrics on 127.0.0.1:SANDBOX_<CLUSTER>_ESO_PORT (7111 dev, 7112 prod).
set -euo pipefail

cluster="${1:-}"
case "$cluster" in
  dev) metrics_port="${SANDBOX_DEV_ESO_PORT:-7111}" ;;
  prod) metrics_port="${SANDBOX_PROD_ESO_PORT:-7112}" ;;
  *)
    echo "usage: start-external-secrets.sh <dev|prod> [controller flags]" >&2
    exit 2
    ;;
esac
shift

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_dir="${SANDBOX_STATE_DIR:-$script_dir/../.state}"
kubeconfig="$state_dir/$cluster/external-secrets.kubeconfig"
for required in "$state_dir/sandbox.json" "$kubeconfig"; do
  if [[ ! -f "$required" ]]; then
    echo "$required is missing: the local stack is not running; run yarn sandbox:start" >&2
    exit 1
  fi
done
# warm after sandbox.sh start, which builds it before applying ESO's CRDs
bin="$(bash "$script_dir/build-external-secrets.sh")"
aws_endpoint="$(node -p "require('$state_dir/sandbox.json').aws.endpoint")"

export KUBECONFIG="$kubeconfig"
export AWS_SECRETSMANAGER_ENDPOINT="$aws_endpoint"
export AWS_STS_ENDPOINT="$aws_endpoint"
# nothing of the caller's AWS environment may reach the controller: its
# credentials are the store's, its endpoints the two above
unset AWS_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_ACCESS_KEY_ID \
  AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_STS \
  AWS_ENDPOINT_URL_SECRETS_MANAGER

exec "$bin" \
  --controller-class secrets-sync-sandbox \
  --enable-leader-election=false \
  --metrics-addr "127.0.0.1:$metrics_port" \
  --loglevel info \
  "$@"
