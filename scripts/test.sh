#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds, runs every test.
#   bash scripts/test.sh          every project: unit, end-to-end (published AOT bootstrap, @vercel/fun, qemu), CDK,
#                                 sandbox, and the real `cdk synth` check
#   bash scripts/test.sh --fast   the unit tests only (tests/EcrPublicLambda.Tests): no apt, no npm, no publish
# Both end with the same line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
case "${1:-}" in
  "") ;;
  --fast) fast=true ;;
  *) echo "usage: bash scripts/test.sh [--fast]" >&2; exit 2 ;;
esac

# Sums the counters of every .trx in $1 into $passed and $failed.
count_results() {
  passed=0; failed=0
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
    f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done
}

# One plain closing line for CI: "tests: N passed, N failed"; no test at all is a failure.
finish() {
  if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
    echo "no test ran" >&2
    status=1
  fi
  echo "tests: $passed passed, $failed failed"
  exit "$status"
}

if [ "$fast" = true ]; then
  dotnet build tests/EcrPublicLambda.Tests -c Release -nologo
  results=$(mktemp -d)
  status=0
  dotnet test tests/EcrPublicLambda.Tests -c Release --no-build \
    --logger "trx;LogFilePrefix=tests" --results-directory "$results" || status=$?
  count_results "$results"
  rm -rf "$results"
  finish
fi

# The arm64 bootstrap is cross-compiled (clang + lld + the aarch64 binutils and C library) and run under qemu-user;
# the status page is rendered in headless Chromium (Debian's chromium).
apt_packages=(clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user chromium)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" > /dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

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
# The same for arm64 (context architecture=arm64), once: the arm64 tests run it under qemu-user.
dotnet publish src/Function -c Release -r linux-arm64 -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy \
  -o artifacts/bootstrap-arm64 -nologo 2>&1 | tee artifacts/publish-arm64.log
export BOOTSTRAP_ARM64_DIR="$PWD/artifacts/bootstrap-arm64"

results=$(mktemp -d)
status=0
dotnet test EcrPublicLambda.sln -c Release --no-build \
  --logger "trx;LogFilePrefix=tests" --results-directory "$results" || status=$?

# The real `cdk synth` from the repository: template, asset folder, RBAC manifests, bad-context messages, and
# cdk-nag's AwsSolutions pack over every template it writes.
synth_status=0
bash scripts/cdk-synth-check.sh || synth_status=$?
if [ "$synth_status" -ne 0 ]; then
  echo "cdk-synth-check failed (exit $synth_status)" >&2
  status=1
fi

count_results "$results"
rm -rf "$results"
finish
