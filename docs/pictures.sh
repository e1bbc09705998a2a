#!/usr/bin/env bash
# Regenerates the pictures of the README and the tutorial from a bf run:
#   docs/bf-time.png   `jitlog draw-time` of targets/bf/examples/bench.b
#   docs/bf-view.png   a screenshot of `jitlog view` on the same log (headless Chromium;
#                      skipped with a note when chromium is not installed)
# Usage: bash docs/pictures.sh   (builds goal/bf-c with -Ojit and jitlog first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p translate -- -Ojit targets/bf
cargo build --release -q -p translate --bin jitlog
jitlog=target/release/jitlog
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
PYRITE_LOG="jit:$work/bf.log" goal/bf-c targets/bf/examples/bench.b > /dev/null
"$jitlog" draw-time "$work/bf.log" -o docs/bf-time.png --width 800
"$jitlog" view "$work/bf.log" -o "$work/report.html"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "pictures.sh: chromium is not installed; docs/bf-view.png is left as it is" >&2
else
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --window-size=1000,900 \
        --screenshot="$PWD/docs/bf-view.png" "file://$work/report.html?q=guard_false" \
        2> /dev/null
fi
ls -l docs/*.png
