#!/usr/bin/env bash
# Builds the External Secrets Operator controller (packages/sandbox/external-secrets,
# a wrapper module around ESO's published module) into the user's cache, and
# links ESO's own CRDs from the same module version.
#
#   packages/sandbox/.bin/external-secrets            the controller (build-go-cached.sh)
#   packages/sandbox/.bin/external-secrets-crds.yaml  deploy/crds/bundle.yaml of the module
#   stdout:  the absolute path of packages/sandbox/.bin/external-secrets
#
# The version is the one the wrapper's go.mod requires. A cold build takes
# about 14 min on 2 busy cores (3 min of module downloads, 11 of compiling:
# every provider that version registers is compiled in); a warm one returns
# at once. `--status` exits 0 when the build is cached, 1 when it is not.
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src_dir="$script_dir/../external-secrets"
module=github.com/external-secrets/external-secrets

bin="$(bash "$script_dir/build-go-cached.sh" "$@" external-secrets "$src_dir" -ldflags "-s -w")"
[[ "${1:-}" == --status ]] && exit 0

# The module is in Go's module cache after the build; `go mod download`
# only names its folder (and fetches it again if the cache was cleaned).
module_dir="$(cd "$src_dir" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "$module" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
crds="$module_dir/deploy/crds/bundle.yaml"
if [[ ! -f "$crds" ]]; then
  echo "build-external-secrets: $module has no deploy/crds/bundle.yaml at $module_dir" >&2
  exit 1
fi
ln -sfn -- "$crds" "$(dirname "$bin")/external-secrets-crds.yaml"
printf '%s\n' "$bin"
