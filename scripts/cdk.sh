#!/usr/bin/env bash
# One command from a fresh clone: installs the pinned CDK CLI (package-lock.json) when it is missing, then runs it.
#   bash scripts/cdk.sh synth  -c config=clusters.json
#   bash scripts/cdk.sh deploy --all -c region=eu-west-1 -c config=clusters.json
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/cdk ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node_modules/.bin/cdk "$@"
