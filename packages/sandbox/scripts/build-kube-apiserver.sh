#!/usr/bin/env bash
# Builds the sandbox kube-apiserver (real kube-apiserver + embedded etcd) from
# packages/sandbox/kube-apiserver, only when its sources changed.
#
#   output:  ${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}/kube-apiserver-<hash16>
#   link:    packages/sandbox/.bin/kube-apiserver -> output
#   stdout:  the absolute path of packages/sandbox/.bin/kube-apiserver
#
# <hash16> = first 16 hex digits of sha256 over go.mod, go.sum, the *.go files
# and the build recipe below (ldflags version stamp).
# A cold build takes ~10 min on 2 cores; progress goes to stderr.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sandbox_dir="$(dirname "$script_dir")"
src_dir="$sandbox_dir/kube-apiserver"
cache_dir="${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}"
bin_dir="$sandbox_dir/.bin"
link="$bin_dir/kube-apiserver"

# Version stamp (kubectl version / GET /version): read from go.mod, no network.
k8s_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }
                    $1 == "require" && $2 == "k8s.io/kubernetes" { print $3; exit }' "$src_dir/go.mod")"
if [[ ! "$k8s_version" =~ ^v([0-9]+)\.([0-9]+)\. ]]; then
  echo "build-kube-apiserver: cannot read the k8s.io/kubernetes version from $src_dir/go.mod" >&2
  exit 1
fi
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=${BASH_REMATCH[1]} -X $pkg.gitMinor=${BASH_REMATCH[2]}"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=0000000000000000000000000000000000000000"
done
build_flags="CGO_ENABLED=0 -trimpath -ldflags=$ldflags"

hash="$(
  cd "$src_dir"
  {
    printf 'recipe %s\n' "$build_flags"
    # Stable order, names included so that renames change the hash too.
    for f in go.mod go.sum $(LC_ALL=C ls -1 -- *.go | grep -v '_test\.go$'); do
      printf '%s\n' "$f"
      cat -- "$f"
    done
  } | sha256sum | cut -c1-16
)"
out="$cache_dir/kube-apiserver-$hash"

mkdir -p "$cache_dir" "$bin_dir"

if [[ ! -x "$out" ]]; then
  command -v go >/dev/null || { echo "build-kube-apiserver: go is not installed" >&2; exit 1; }
  # Serialize concurrent builds of the same hash.
  exec 9>"$out.lock"
  if command -v flock >/dev/null; then flock 9; fi
  if [[ ! -x "$out" ]]; then
    echo "build-kube-apiserver: building $out (empty Go build cache: 5-10 min on 2 cores; relink: seconds)" >&2
    tmp="$out.tmp.$$"
    trap 'rm -f "$tmp"' EXIT
    start=$SECONDS
    (
      cd "$src_dir"
      GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
        go build -trimpath -ldflags "$ldflags" -o "$tmp" . </dev/null
    ) >&2
    chmod 0755 "$tmp"
    mv -f "$tmp" "$out"
    trap - EXIT
    echo "build-kube-apiserver: built in $((SECONDS - start))s" >&2
    # Keep the 3 newest builds (other checkouts may use older ones); ~110 MB each.
    { ls -1t -- "$cache_dir"/kube-apiserver-???????????????? 2>/dev/null || true; } | tail -n +4 |
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
