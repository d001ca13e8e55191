#!/usr/bin/env bash
# Builds a Go main module of packages/sandbox into the user's cache, only
# when its sources or its build recipe changed.
#
#   build-go-cached.sh [--status] NAME SRC_DIR [go build flags...]
#
#   output:  ${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}/NAME-<hash16>
#   link:    packages/sandbox/.bin/NAME -> output
#   stdout:  the absolute path of packages/sandbox/.bin/NAME
#
# <hash16> = first 16 hex digits of sha256 over go.mod, go.sum, the *.go
# files of SRC_DIR and the flags, so two checkouts (or two versions of one)
# share a build exactly when it would be the same binary. Concurrent builds
# of one hash are serialised with flock; the 3 newest builds of NAME are
# kept. Progress and the go command's output go to stderr. With --status it
# builds nothing: exit 0 when the build is cached, 1 when it would run.
set -euo pipefail

status_only=""
if [[ "${1:-}" == --status ]]; then
  status_only=1
  shift
fi

if [[ $# -lt 2 ]]; then
  echo "usage: $0 NAME SRC_DIR [go build flags...]" >&2
  exit 2
fi
name="$1"
src_dir="$(cd "$2" && pwd)"
shift 2

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sandbox_dir="$(dirname "$script_dir")"
cache_dir="${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}"
bin_dir="$sandbox_dir/.bin"
link="$bin_dir/$name"

hash="$(
  cd "$src_dir"
  {
    printf 'recipe CGO_ENABLED=0 -trimpath'
    printf ' %s' "$@"
    printf '\n'
    # Stable order, names included so that renames change the hash too.
    for f in go.mod go.sum $(LC_ALL=C ls -1 -- *.go | grep -v '_test\.go$'); do
      printf '%s\n' "$f"
      cat -- "$f"
    done
  } | sha256sum | cut -c1-16
)"
out="$cache_dir/$name-$hash"

if [[ -n "$status_only" ]]; then
  [[ -x "$out" ]]
  exit
fi

mkdir -p "$cache_dir" "$bin_dir"

if [[ ! -x "$out" ]]; then
  command -v go >/dev/null || { echo "build-$name: go is not installed" >&2; exit 1; }
  exec 9>"$out.lock"
  if command -v flock >/dev/null; then flock 9; fi
  if [[ ! -x "$out" ]]; then
    echo "build-$name: building $out" >&2
    tmp="$out.tmp.$$"
    trap 'rm -f "$tmp"' EXIT
    start=$SECONDS
    (
      cd "$src_dir"
      GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
        go build -trimpath "$@" -o "$tmp" . </dev/null
    ) >&2
    chmod 0755 "$tmp"
    mv -f "$tmp" "$out"
    trap - EXIT
    echo "build-$name: built in $((SECONDS - start))s" >&2
    # Other checkouts may still use older builds; each is 100-150 MB.
    { ls -1t -- "$cache_dir/$name"-???????????????? 2>/dev/null || true; } | tail -n +4 |
      while IFS= read -r old; do
        if [[ "$old" != "$out" ]]; then rm -f -- "$old"; fi
      done
  fi
  exec 9>&-
  rm -f "$out.lock"
fi

# Refresh the link only when it does not already point at this build.
if [[ "$(readlink -- "$link" 2>/dev/null || true)" != "$out" ]]; then
  ln -sfn -- "$out" "$link"
fi
printf '%s\n' "$link"
