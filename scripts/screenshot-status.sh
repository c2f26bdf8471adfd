#!/usr/bin/env bash
# The status page screenshot in docs/status.md: the Chromium test's fleet of every verdict (fakes only), its page
# rendered by headless Chromium to docs/images/status-page.png; the same reading as a table is printed (the sample in
# docs/status.md). Needs Debian's chromium (scripts/test.sh installs it) and a built test project.
# Usage: scripts/screenshot-status.sh [PAGE.html]   (a page of your own, e.g. from `bootstrap status -o html`)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$#" -ge 1 ]; then
  cp "$1" "$work/status.html"
else
  dotnet build tests/EcrPublicLambda.EndToEnd.Tests -c Release -nologo -v q
  STATUS_SAMPLE_DIR="$work" dotnet test tests/EcrPublicLambda.EndToEnd.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~StatusPageChromiumTests" > "$work/test.log" || { cat "$work/test.log"; exit 1; }
  cat "$work/status.txt"
fi

chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1280,900 --screenshot="$out/status-page.png" "file://$work/status.html" 2> "$work/chromium.log" \
  || { cat "$work/chromium.log"; exit 1; }
echo "wrote $out/status-page.png"
