#!/usr/bin/env bash
# The speed of each step of docs/tutorial.md: builds docs/tutorial/step1 (the plain
# interpreter, -O2) and step2..step4 (the driver, then each hint, -Ojit) with translate,
# runs each on a bf program (default targets/bf/examples/bench.b), checks the output,
# and prints a table: the best wall time of RUNS runs (default 3), the speed-up over
# step 1 and over the step before, and from one more run's jit-summary the loops, the
# aborted traces and the ops compiled.
#
#   bash bench/tutorial.sh [PROGRAM.b]        RUNS=5 bash bench/tutorial.sh
#
# The steps are crates of their own (each Cargo.toml has an empty [workspace]), built in
# target/tutorial-build so that jitsupport is compiled once for all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
program="${1:-targets/bf/examples/bench.b}"
expected="${program%.b}.out"
runs="${RUNS:-3}"
out="$root/target/tutorial"
mkdir -p "$out"

cargo build --release -q -p translate --bin translate
export CARGO_TARGET_DIR="$root/target/tutorial-build"
for n in 1 2 3 4; do
    opt=-Ojit
    [ "$n" = 1 ] && opt=-O2
    if ! "$root/target/release/translate" "$opt" "docs/tutorial/step$n" \
        --output "$out/step$n" 2> "$out/step$n.build.log"; then
        cat "$out/step$n.build.log" >&2
        exit 1
    fi
done

best_time() { # best wall time in seconds of $runs runs of "$@"
    local best="" t
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null
        end=$(date +%s.%N)
        t=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best="$t"; fi
    done
    printf '%.3f' "$best"
}

figure() { # the count of jit-summary line $2 in log $1, or -
    local v
    v=$(grep -m1 "^$2:" "$1" 2> /dev/null | awk '{print $NF}') || true
    echo "${v:--}"
}

titles=("" "plain interpreter (-O2)" "+ driver, merge point, can_enter_jit" "+ #[elidable] bracket lookup" "+ #[immutable] program")
printf 'program: %s, best of %s runs\n\n' "$program" "$runs"
printf '| step | what | seconds | vs step 1 | vs previous | loops | aborts | opt ops |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|\n'
first=""
previous=""
for n in 1 2 3 4; do
    bin="$out/step$n"
    if [ -f "$expected" ] && ! cmp -s <("$bin" "$program") "$expected"; then
        echo "step $n: wrong output on $program" >&2
        exit 1
    fi
    t=$(best_time "$bin" "$program")
    loops=- aborts=- ops=-
    if [ "$n" != 1 ]; then
        PYRITE_LOG="jit-summary:$out/step$n.log" "$bin" "$program" > /dev/null
        loops=$(figure "$out/step$n.log" loops)
        aborts=$(figure "$out/step$n.log" aborts)
        ops=$(figure "$out/step$n.log" "opt ops")
    fi
    first="${first:-$t}"
    previous="${previous:-$t}"
    printf '| %s | %s | %s | %.1fx | %.1fx | %s | %s | %s |\n' "$n" "${titles[$n]}" "$t" \
        "$(awk -v a="$first" -v b="$t" 'BEGIN { print a / b }')" \
        "$(awk -v a="$previous" -v b="$t" 'BEGIN { print a / b }')" "$loops" "$aborts" "$ops"
    previous="$t"
done
