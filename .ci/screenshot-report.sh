#!/usr/bin/env bash
# Renders `loupe report --html` of corpus/ in headless Chromium and saves PNG screenshots, to look at
# the report as a reader would. Not part of CI or `swift test`.
# Usage: .ci/screenshot-report.sh [LOUPE_BINARY] [OUTDIR]   (defaults: .build/debug/loupe, /tmp/loupe-report)
set -euo pipefail
cd "$(dirname "$0")/.."
loupe=${1:-.build/debug/loupe}
out=${2:-/tmp/loupe-report}
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -q chromium
fi
rm -f "$out/corpus.sqlite"*
"$loupe" analyze corpus/ --db "$out/corpus.sqlite" --quiet
"$loupe" report --html "$out/report.html" --db "$out/corpus.sqlite"
# The first screen, then the whole page at a few heights.
for size in 1280,2000 1280,9000 390,2400; do
    name="$out/report-${size/,/x}.png"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$name" --window-size="$size" \
        "file://$(realpath "$out/report.html")" 2>/dev/null
    echo "$name"
done
# The articles alone (anchors do not scroll a headless screenshot): the same page with the other sections hidden.
sed 's#</head>#<style>header,nav,\#overview,\#charts,\#time,\#entities,.toc{display:none}</style></head>#' \
    "$out/report.html" > "$out/articles.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out/articles-1280x2000.png" --window-size=1280,2000 \
    "file://$(realpath "$out/articles.html")" 2>/dev/null
echo "$out/articles-1280x2000.png"
