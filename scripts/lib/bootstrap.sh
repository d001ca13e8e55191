# Sourced by the scripts in this folder: installs what the repository needs
# on a fresh machine and defines `yarn` through the committed Yarn release,
# so no global Yarn or corepack download is needed.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_dir"

# better-sqlite3 builds against the installed Node headers instead of
# downloading them (there is no general internet access here).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

yarn() { node "$repo_dir"/.yarn/releases/yarn-*.cjs "$@"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "bootstrap: apt-get install ${missing[*]}" >&2
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

require() {
  command -v "$1" >/dev/null || { echo "bootstrap: $1 is required ($2)" >&2; exit 1; }
}

bootstrap() {
  require node "Node.js 20 or newer"
  require go "Go, to build the local kube-apiserver"
  require python3 "Python 3, for moto"
  apt_install python3-venv curl "$@"
  yarn install --immutable
}
