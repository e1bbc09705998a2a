#!/usr/bin/env bash
# The cost of the can_enter_jit hook in code the JIT has not compiled: tl's loop_bench and
# bf's nested.b run by one -Ojit binary each with PYRITE_JIT=off (the plain copy of the
# portal, no hooks), with PYRITE_JIT=threshold=1000000000 (the hooked portal, nothing ever
# hot) and with the JIT on. Prints CPU seconds (user + system, best of RUNS) and, with
# valgrind, the instructions executed on smaller versions of the two programs (tl with
# N = 10^6, bf with 10 outer rounds instead of 3 x 255).
#
# The instruction counts are the measure to compare hooks by: the same source of the
# dispatch loop compiles to code whose speed varies by 20-30% from one build to the next
# (code placement, and whether LLVM keeps bf's tape position in a register), in the
# plain copy as in the hooked portal, while the instructions executed do not move.
#
# Usage: bench/hook.sh [BIN_DIR]
#   BIN_DIR   a directory holding tl and bf built with -Ojit (default: build them)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ $# -ge 1 ]]; then
    BIN=$1
else
    BIN=$WORK
    echo "== building tl and bf with -Ojit" >&2
    for target in tl bf; do
        cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
            -Ojit "$ROOT/targets/$target" --output "$BIN/$target" >&2
    done
fi

TL_PROG="$ROOT/targets/tl/examples/loop_bench.tl"
BF_PROG="$ROOT/bench/nested.b"
sed 's/^push [0-9]* /push 1000000 /' "$TL_PROG" >"$WORK/loop_small.tl"
# nested.b without its comment, with one round of 10 x 255 x 255 instead of 3 x 255^3.
python3 - "$BF_PROG" "$WORK/nested_small.b" <<'PY'
import sys
src = open(sys.argv[1], encoding="latin-1").read()
body = src[src.index("+++ "):]
body = body.replace("+++", "+", 1).replace(">-", ">++++++++++", 1)
open(sys.argv[2], "w").write(body)
PY

cpu_time() {
    local best="" t
    local TIMEFORMAT='%U %S'
    for _ in $(seq "$RUNS"); do
        t=$({ time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
        if [[ -z "$best" ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    printf '%.2f' "$best"
}

instructions() {
    if ! command -v valgrind >/dev/null; then
        printf -- '-'
        return
    fi
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 \
        >/dev/null | awk '/I *refs/ { gsub(",", "", $NF); printf "%.1fM", $NF / 1e6 }'
}

echo "| program | off (s) | threshold=1e9 (s) | on (s) | off (instr.) | threshold=1e9 (instr.) |"
echo "|---|---|---|---|---|---|"
for row in "tl loop_bench.tl $TL_PROG loop_small.tl" "bf nested.b $BF_PROG nested_small.b"; do
    read -r target name prog small <<<"$row"
    off=$(PYRITE_JIT=off cpu_time "$BIN/$target" "$prog")
    hooked=$(PYRITE_JIT=threshold=1000000000 cpu_time "$BIN/$target" "$prog")
    on=$(cpu_time "$BIN/$target" "$prog")
    off_i=$(PYRITE_JIT=off instructions "$BIN/$target" "$WORK/$small")
    hooked_i=$(PYRITE_JIT=threshold=1000000000 instructions "$BIN/$target" "$WORK/$small")
    echo "| $target $name | $off | $hooked | $on | $off_i | $hooked_i |"
done
