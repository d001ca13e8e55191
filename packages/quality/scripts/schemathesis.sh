#!/usr/bin/env bash
# Generated bad input against the OpenAPI contract: installs schemathesis
# (requirements.txt) into packages/quality/.venv when it changed, then starts
# the backend plugin in-process against the running local stack and runs
# schemathesis against it (src/schemathesis/main.ts). Exit code 1 when any
# request got a 5xx.
#
#   SCHEMATHESIS_MAX_EXAMPLES (default 100), SCHEMATHESIS_SEED (default 7)
set -euo pipefail

package_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$package_dir/.venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$package_dir/requirements.txt" | cut -c1-64)"
if [[ ! -x "$venv/bin/schemathesis" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "schemathesis: installing into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$package_dir/requirements.txt"
  echo "$want" >"$stamp"
fi

cd "$package_dir"
exec node --require @backstage/cli-node/config/nodeTransform.cjs src/schemathesis/main.ts
