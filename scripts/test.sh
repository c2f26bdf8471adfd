#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

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
