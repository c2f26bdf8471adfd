#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet restore EcrPublicLambda.sln
dotnet build EcrPublicLambda.sln -c Release --no-restore

# The end-to-end tests run the published Native AOT bootstrap under @vercel/fun: publish it once, here.
# Its log is kept: a test fails on any trimming/AOT warning in it (the build policy already makes them errors).
mkdir -p artifacts
dotnet publish src/Function -c Release -o artifacts/bootstrap -nologo 2>&1 | tee artifacts/publish.log
export BOOTSTRAP_DIR="$PWD/artifacts/bootstrap"
export BOOTSTRAP_PUBLISH_LOG="$PWD/artifacts/publish.log"

results=$(mktemp -d)
status=0
dotnet test EcrPublicLambda.sln -c Release --no-build \
  --logger "trx;LogFilePrefix=tests" --results-directory "$results" || status=$?

# The real `cdk synth` from the repository: template, asset folder, RBAC manifests, bad-context messages.
synth_status=0
bash scripts/cdk-synth-check.sh || synth_status=$?
if [ "$synth_status" -ne 0 ]; then
  echo "cdk-synth-check failed (exit $synth_status)" >&2
  status=1
fi

# One plain closing line for CI: "N passed, N failed".
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
rm -rf "$results"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed"
exit "$status"
