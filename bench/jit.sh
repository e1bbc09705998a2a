#!/usr/bin/env bash
# The JIT's benchmark: for tl and bf, the same -Ojit binary run with PYRITE_JIT=off and
# with the JIT on, and for bf a straight translation of the program to C compiled with
# gcc -O1 (the practical limit), all in one run; prints a table with the ratios and,
# for each JIT run, the share of its time spent tracing, optimizing and in the backend
# (from jit-summary).
#
# Usage: bench/jit.sh [--quick]
#   --quick   one run per row instead of RUNS (default 3); the best run is reported
#
# It builds goal-like binaries with `translate -Ojit` into a temporary directory.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        -h | --help)
            sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "jit.sh: unknown argument \`$arg\` (try --help)" >&2
            exit 2
            ;;
    esac
done
for tool in gcc python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "jit.sh: \`$tool\` is needed (apt-get install $tool)" >&2
        exit 2
    fi
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== building tl and bf with -Ojit" >&2
for target in tl bf; do
    cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
        -Ojit "$ROOT/targets/$target" --output "$WORK/$target-jit" >&2
done

echo "== translating bench.b to C (gcc -O1)" >&2
# A straight translation: each command becomes one C statement, runs of + - < > one
# statement each; the tape is 30000 cells as the interpreter's starts.
python3 - "$ROOT/targets/bf/examples/bench.b" >"$WORK/bench.c" <<'PY'
import sys, itertools
src = open(sys.argv[1], encoding="latin-1").read()
code = [c for c in src if c in "+-<>[].,"]
out = ["#include <stdio.h>", "static unsigned char tape[1 << 20];",
       "int main(void) {", "unsigned char *p = tape;"]
for c, run in itertools.groupby(code):
    n = len(list(run))
    if c == "+": out.append(f"*p += {n};")
    elif c == "-": out.append(f"*p -= {n};")
    elif c == ">": out.append(f"p += {n};")
    elif c == "<": out.append(f"p -= {n};")
    else:
        for _ in range(n):
            out.append({"[": "while (*p) {", "]": "}",
                        ".": "putchar(*p);",
                        ",": "{ int ch = getchar(); *p = ch == EOF ? 0 : ch; }"}[c])
out += ["return 0;", "}"]
print("\n".join(out))
PY
gcc -O1 -o "$WORK/bench-c" "$WORK/bench.c"

# best_time CMD...: runs CMD RUNS times (stdout discarded), prints the best wall time.
best_time() {
    local best=""
    for _ in $(seq "$RUNS"); do
        local start end t
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        t=$(awk -v a="$end" -v b="$start" 'BEGIN { print a - b }')
        if [[ -z "$best" ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    printf '%.3f' "$best"
}

# summary_shares BIN PROGRAM: tracing, optimizing, backend seconds from jit-summary.
summary_shares() {
    local log="$WORK/summary.log"
    PYRITE_LOG="jit-summary:$log" "$1" "$2" >/dev/null
    awk '/^Tracing:/ {t=$3} /^Optimizing:/ {o=$3} /^Backend:/ {b=$3} END {printf "%s %s %s", t, o, b}' "$log"
}

TL_PROG="$ROOT/targets/tl/examples/loop_bench.tl"
BF_PROG="$ROOT/targets/bf/examples/bench.b"

echo "== timing (best of $RUNS)" >&2
tl_off=$(PYRITE_JIT=off best_time "$WORK/tl-jit" "$TL_PROG")
tl_on=$(best_time "$WORK/tl-jit" "$TL_PROG")
bf_off=$(PYRITE_JIT=off best_time "$WORK/bf-jit" "$BF_PROG")
bf_on=$(best_time "$WORK/bf-jit" "$BF_PROG")
bf_c=$(best_time "$WORK/bench-c")
read -r tl_t tl_o tl_b <<<"$(summary_shares "$WORK/tl-jit" "$TL_PROG")"
read -r bf_t bf_o bf_b <<<"$(summary_shares "$WORK/bf-jit" "$BF_PROG")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pct() { awk -v t="$1" -v o="$2" -v b="$3" -v all="$4" 'BEGIN { printf "%.2f%%", 100 * (t + o + b) / all }'; }

printf '\n| program | PYRITE_JIT=off (s) | JIT on (s) | speed-up | gcc -O1 (s) | JIT / gcc | tracing+optimizing+backend |\n'
printf '|---|---|---|---|---|---|---|\n'
printf '| tl loop_bench.tl | %s | %s | %sx | - | - | %s |\n' \
    "$tl_off" "$tl_on" "$(ratio "$tl_off" "$tl_on")" "$(pct "$tl_t" "$tl_o" "$tl_b" "$tl_on")"
printf '| bf bench.b | %s | %s | %sx | %s | %sx | %s |\n' \
    "$bf_off" "$bf_on" "$(ratio "$bf_off" "$bf_on")" "$bf_c" "$(ratio "$bf_on" "$bf_c")" \
    "$(pct "$bf_t" "$bf_o" "$bf_b" "$bf_on")"
