#!/usr/bin/env bash
# Toxiproxy (Shopify's fault-injection TCP proxy), built from the Go module
# proxy (packages/sandbox/toxiproxy) and run in front of the local stack by
# tests and benchmarks, which create the proxies and toxics through its API.
#
#   toxiproxy.sh build | start | stop | status
#
#   build:  ${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}/toxiproxy-<hash16>,
#           linked from packages/sandbox/.bin/toxiproxy-server; prints the link.
#           <hash16> = first 16 hex digits of sha256 over go.mod, go.sum and
#           the build recipe, so a version bump rebuilds and nothing else does.
#   start:  API on 127.0.0.1:${TOXIPROXY_PORT:-8474}; pid, log and api.json
#           (where the API listens) under packages/sandbox/.state/toxiproxy/.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sandbox_dir="$(dirname "$script_dir")"
src_dir="$sandbox_dir/toxiproxy"
cache_dir="${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}"
bin_dir="$sandbox_dir/.bin"
link="$bin_dir/toxiproxy-server"
state_dir="$sandbox_dir/.state/toxiproxy"
pid_file="$state_dir/toxiproxy.pid"
log_file="$state_dir/toxiproxy.log"
api_file="$state_dir/api.json"
port="${TOXIPROXY_PORT:-8474}"
package="github.com/Shopify/toxiproxy/v2/cmd/server"

# Version stamp (GET /version): read from go.mod, no network.
version="$(awk '$1 == "github.com/Shopify/toxiproxy/v2" { print $2; exit }
                $1 == "require" && $2 == "github.com/Shopify/toxiproxy/v2" { print $3; exit }' "$src_dir/go.mod")"
if [[ ! "$version" =~ ^v[0-9]+\. ]]; then
  echo "toxiproxy: cannot read the github.com/Shopify/toxiproxy/v2 version from $src_dir/go.mod" >&2
  exit 1
fi
ldflags="-s -w -X github.com/Shopify/toxiproxy/v2.Version=$version"
build_flags="CGO_ENABLED=0 -trimpath -ldflags=$ldflags $package"

log() { echo "toxiproxy: $*" >&2; }

build() {
  local hash out
  hash="$(
    cd "$src_dir"
    {
      printf 'recipe %s\n' "$build_flags"
      for f in go.mod go.sum; do
        printf '%s\n' "$f"
        cat -- "$f"
      done
    } | sha256sum | cut -c1-16
  )"
  out="$cache_dir/toxiproxy-$hash"
  mkdir -p "$cache_dir" "$bin_dir"
  if [[ ! -x "$out" ]]; then
    command -v go >/dev/null || { log "go is not installed"; exit 1; }
    # Serialize concurrent builds of the same hash.
    exec 9>"$out.lock"
    if command -v flock >/dev/null; then flock 9; fi
    if [[ ! -x "$out" ]]; then
      log "building $out"
      local tmp="$out.tmp.$$" start=$SECONDS
      trap 'rm -f "$tmp"' EXIT
      (
        cd "$src_dir"
        GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
          go build -trimpath -ldflags "$ldflags" -o "$tmp" "$package" </dev/null
      ) >&2
      chmod 0755 "$tmp"
      mv -f "$tmp" "$out"
      trap - EXIT
      log "built in $((SECONDS - start))s"
    fi
    exec 9>&-
    rm -f "$out.lock"
  fi
  if [[ "$(readlink -- "$link" 2>/dev/null || true)" != "$out" ]]; then
    ln -sfn -- "$out" "$link"
  fi
  printf '%s\n' "$link"
}

running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

api_ok() { curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/version"; }

start() {
  if running; then
    log "already running (pid $(cat "$pid_file")) at http://127.0.0.1:$port"
    return
  fi
  local bin
  bin="$(build)"
  mkdir -p "$state_dir"
  [[ -f "$log_file" ]] && mv -f "$log_file" "$log_file.prev"
  # setsid: own session, so the server outlives the caller's process group.
  setsid "$bin" -host 127.0.0.1 -port "$port" </dev/null >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 100); do
    if api_ok; then
      printf '{ "api": "http://127.0.0.1:%s" }\n' "$port" >"$api_file"
      log "ready at http://127.0.0.1:$port (pid $(cat "$pid_file"))"
      return
    fi
    if ! running; then break; fi
    sleep 0.1
  done
  log "the API did not answer on port $port; log tail ($log_file):"
  tail -n 20 "$log_file" >&2 || true
  stop
  exit 1
}

stop() {
  if running; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file" "$api_file"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop; log "stopped" ;;
  status)
    if running; then echo "toxiproxy: running (pid $(cat "$pid_file")) at http://127.0.0.1:$port"; else echo "toxiproxy: stopped"; fi
    ;;
  *)
    echo "usage: $0 build | start | stop | status" >&2
    exit 2
    ;;
esac
