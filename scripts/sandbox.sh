#!/usr/bin/env bash
# The tool end to end on this machine, no AWS account: the repository's fakes as a small fleet on loopback, a real
# `bootstrap refresh` against them, the report and what each namespace holds (docs/development.md, "The sandbox").
# The bootstrap: the published Native AOT binary in artifacts/bootstrap when no source of src/Function is newer than
# it, else the function's fresh Release build under `dotnet`. `--aot` publishes artifacts/bootstrap first (a minute or
# more; needs clang and zlib1g-dev). Exit 0 when the run showed what it should, with everything stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

aot=0
for argument in "$@"; do
  case "$argument" in
    --aot) aot=1 ;;
    *) echo "usage: bash scripts/sandbox.sh [--aot]" >&2; exit 2 ;;
  esac
done

dotnet build tools/Sandbox -c Release -nologo -v quiet -clp:NoSummary >/dev/null || {
  echo "sandbox: the build failed; run \`dotnet build tools/Sandbox -c Release\` to see why" >&2
  exit 1
}

published=artifacts/bootstrap/bootstrap
if [ "$aot" -eq 1 ]; then
  mkdir -p artifacts
  dotnet publish src/Function -c Release -o artifacts/bootstrap -nologo >artifacts/publish.log 2>&1 || {
    echo "sandbox: the publish failed; see artifacts/publish.log" >&2
    exit 1
  }
fi

bootstrap=()
if [ -x "$published" ] && [ -z "$(find src/Function Directory.Build.props Directory.Packages.props -newer "$published" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
  bootstrap=(--bootstrap "$published")
  echo "bootstrap: the published Native AOT binary ($published)"
else
  echo "bootstrap: the function's Release build under dotnet (\`bash scripts/sandbox.sh --aot\` publishes the Native AOT binary)"
fi

exec dotnet tools/Sandbox/bin/Release/net10.0/EcrPublicLambda.Sandbox.dll "${bootstrap[@]}"
