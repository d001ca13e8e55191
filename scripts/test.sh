#!/usr/bin/env bash
# Runs every check and test on the local stack: type-check, lint, unit and
# integration tests (moto and real kube-apiservers), then the end-to-end
# tests in headless Chromium against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap chromium
export CI=true

trap 'bash packages/sandbox/scripts/sandbox.sh stop' EXIT
bash packages/sandbox/scripts/sandbox.sh start
export AWS_ENDPOINT_URL_STS="http://127.0.0.1:${SANDBOX_AWS_PORT:-4566}"

yarn tsc
yarn lint:all
yarn backstage-cli repo test --maxWorkers=2
yarn test:e2e
