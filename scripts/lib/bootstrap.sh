# Sourced by the scripts in this folder: installs what the repository needs
# on a fresh machine and defines `yarn` through the committed Yarn release,
# so no global Yarn or corepack download is needed.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_dir"

# better-sqlite3 builds against the installed Node headers instead of
# downloading them (there is no general internet access here).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"

# A supported Node first on PATH (a pinned Node 24 LTS when the machine's is
# older than 22), for this script and everything it starts. Yarn rebuilds
# native modules when the Node version changes (its build hash includes
# it), so the `yarn install` below builds better-sqlite3 for this Node.
source "$repo_dir/scripts/lib/node.sh"
use_supported_node
echo "bootstrap: node $(node --version) ($(command -v node))" >&2

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
  # Go's official tarball installs to /usr/local/go, which login shells
  # add to PATH but non-interactive ones often do not.
  if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
    export PATH="$PATH:/usr/local/go/bin"
  fi
  require node "Node.js 22 or newer"
  require go "Go, to build the local kube-apiserver"
  require python3 "Python 3, for moto"
  apt_install python3-venv curl "$@"
  yarn install --immutable
}

# Starts the local stack unless it is already running; stops it at exit
# only if this script started it, so a shared stack outlives the script.
start_sandbox() {
  sandbox_started=""
  # The servers, and the External Secrets Operator for the clusters whose
  # environments use it (sandbox.sh start); the reference operators are
  # started by whoever needs them. The
  # status is read whole before grep looks at it: `grep -q` stops at the
  # first match, and under pipefail the status command's SIGPIPE would make
  # a stopped stack look running, so the stack would outlive this script.
  local status
  status="$(bash packages/sandbox/scripts/sandbox.sh status)"
  if grep -Eq '^(moto|dev/kube-apiserver|prod/kube-apiserver)\.pid: stopped' <<<"$status"; then
    sandbox_started=1
  fi
  bash packages/sandbox/scripts/sandbox.sh start
  # integration-aws-node assumes each account's role through STS; the AWS
  # SDK sends STS calls to moto when this is set.
  export AWS_ENDPOINT_URL_STS="http://127.0.0.1:${SANDBOX_AWS_PORT:-4566}"
}

stop_sandbox() {
  if [[ -n "${sandbox_started:-}" ]]; then
    bash packages/sandbox/scripts/sandbox.sh stop
  fi
}

# Runs a command in its own process group, in the background, so that it
# and all its children can be stopped together with stop_group.
spawn_group() {
  local log="$1"
  shift
  setsid bash -c "$(declare -f yarn); repo_dir='$repo_dir'; $*" </dev/null >"$log" 2>&1 &
  spawned_pid=$!
}

stop_group() {
  local pid
  for pid in "$@"; do
    kill -- -"$pid" 2>/dev/null || true
  done
}
