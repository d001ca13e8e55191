#!/usr/bin/env bash
# Builds the sandbox kube-controller-manager (the real one, from the same
# k8s.io/kubernetes version as the sandbox kube-apiserver) from
# packages/sandbox/kube-controller-manager, only when its sources changed.
#
#   output:  ${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}/kube-controller-manager-<hash16>
#   link:    packages/sandbox/.bin/kube-controller-manager -> output
#   stdout:  the absolute path of packages/sandbox/.bin/kube-controller-manager
#
# The version stamp matches the kube-apiserver's so the controller manager's
# discovery checks see one Kubernetes version. Progress goes to stderr.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src_dir="$(dirname "$script_dir")/kube-controller-manager"

k8s_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }
                    $1 == "require" && $2 == "k8s.io/kubernetes" { print $3; exit }' "$src_dir/go.mod")"
if [[ ! "$k8s_version" =~ ^v([0-9]+)\.([0-9]+)\. ]]; then
  echo "build-kube-controller-manager: cannot read the k8s.io/kubernetes version from $src_dir/go.mod" >&2
  exit 1
fi
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=${BASH_REMATCH[1]} -X $pkg.gitMinor=${BASH_REMATCH[2]}"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=0000000000000000000000000000000000000000"
done

exec "$script_dir/build-go-cached.sh" "$@" kube-controller-manager "$src_dir" -ldflags "$ldflags"
