#!/usr/bin/env bash
# Runs every check and test on the local stack: type-check, lint, unit and
# integration tests (moto, real kube-apiservers and the External Secrets
# Operator, which sandbox.sh start runs on dev), then the end-to-end
# tests in headless Chromium against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap chromium
export CI=true

# PostgreSQL for the integration tests of the plugin's tables; stopped at
# the end only if this script started it.
postgres_status="$(bash packages/sandbox/scripts/postgres.sh status)"
# Redis likewise, for the caches two backend replicas share.
redis_status="$(bash packages/sandbox/scripts/redis.sh status)"
trap 'stop_sandbox; [[ "$postgres_status" == *stopped* ]] && bash packages/sandbox/scripts/postgres.sh stop; [[ "$redis_status" == *stopped* ]] && bash packages/sandbox/scripts/redis.sh stop' EXIT
start_sandbox
bash packages/sandbox/scripts/postgres.sh start
POSTGRES_URL="$(bash packages/sandbox/scripts/postgres.sh url)"
export POSTGRES_URL
bash packages/sandbox/scripts/redis.sh start
REDIS_URL="$(bash packages/sandbox/scripts/redis.sh url)"
export REDIS_URL

yarn tsc
yarn lint:all
yarn build:api-reports:check
yarn backstage-cli repo test --maxWorkers=2
yarn test:e2e
