#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): publishes the Native AOT bootstrap and a framework-dependent JIT
# build of the same code, then runs bench/EcrPublicLambda.Benchmark in Release against in-process fakes.
# Extra arguments go to the benchmark (e.g. --runs 5 --cold-runs 11 --latency-ms 50 --markdown FILE).
# Needs GNU time (/usr/bin/time, Debian package `time`) for the peak RSS. Not run by CI; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "bench.sh: /usr/bin/time is missing (apt-get install time): it measures the bootstrap's peak RSS" >&2
  exit 2
fi

out=${BENCH_OUT:-${TMPDIR:-/tmp}/ecr-public-lambda-bench}
rm -rf "$out/aot" "$out/jit"

echo "== publishing the Native AOT bootstrap -> $out/aot"
dotnet publish src/Function -c Release -o "$out/aot" -nologo -v quiet
echo "== publishing the JIT build (framework-dependent bootstrap.dll) -> $out/jit"
dotnet publish src/Function -c Release -p:PublishAot=false --self-contained false -o "$out/jit" -nologo -v quiet
echo "== building the benchmark"
dotnet build bench/EcrPublicLambda.Benchmark -c Release -nologo -v quiet

echo "== running"
dotnet run --project bench/EcrPublicLambda.Benchmark -c Release --no-build -- --aot "$out/aot" --jit "$out/jit" "$@"
