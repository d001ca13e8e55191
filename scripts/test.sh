#!/usr/bin/env bash
# Runs every check and test on the local stack: type-check, lint, unit and
# integration tests (moto and real kube-apiservers), then the end-to-end
# tests in headless Chromium against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap chromium
export CI=true

trap stop_sandbox EXIT
start_sandbox

yarn tsc
yarn lint:all
yarn build:api-reports:check
yarn backstage-cli repo test --maxWorkers=2
yarn test:e2e
