#!/usr/bin/env bash
# End-to-end tests in headless Chromium: starts the portal with dev.sh (the
# README's run command), waits until the app, the backend and both
# operators answer, runs packages/app/e2e, then stops what it started.
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"

wait_for() {
  local url="$1" deadline=$((SECONDS + ${E2E_START_TIMEOUT:-600}))
  # quiet while the portal starts; the log tail says why if it never answers
  until curl -fs -o /dev/null --max-time 5 "$url"; do
    if ((SECONDS >= deadline)); then
      echo "e2e: $url did not answer; portal log tail:" >&2
      tail -n 40 "$portal_log" >&2 || true
      return 1
    fi
    sleep 2
  done
}

portal_log="$repo_dir/packages/sandbox/.state/e2e-portal.log"
mkdir -p "$(dirname "$portal_log")"
start=$SECONDS
spawn_group "$portal_log" bash scripts/dev.sh
portal_pid=$spawned_pid
trap 'stop_group "$portal_pid"; sleep 3' EXIT

wait_for http://localhost:7007/.backstage/health/v1/readiness
wait_for http://localhost:3000
wait_for http://127.0.0.1:7101/readyz
wait_for http://127.0.0.1:7102/readyz
echo "e2e: portal answered after $((SECONDS - start)) s" >&2

yarn workspace app test:e2e
# MCP clients against the running portal (its log holds the audit events the test searches for canaries)
CI=true PORTAL_LOG="$portal_log" yarn backstage-cli repo test --testMatch '**/*.portal-spec.ts' packages/quality/src/mcp
