#!/usr/bin/env bash
# Measures the collector of jitsupport-gc on binary-trees, natively in Rust: the same
# program (jitsupport/gc/examples/binary_trees.rs) on the collector (`gc`), on Box and
# malloc (`box`) and on a bump allocator that never frees (`bump`), side by side, and
# prints a table: time, peak RSS, collections, longest and total pause. A second table
# gives the cost of one short-lived 24-byte allocation (examples/alloc_rate.rs, ALLOCS
# pairs, default 20000000), collections included.
#
# Usage: bench/gc-native.sh [DEPTH...]      (default depths: 16 18)
# Environment: RUNS (default 3) runs per cell, the one with the least CPU time kept (its
# RSS and pauses shown); PYRITE_GC_NURSERY, PYRITE_GC_MAX, PYRITE_GC_MAJOR_COLLECT reach
# the collector.
#
# It builds the examples in the release profile first. Time, CPU time (user + system)
# and peak RSS are measured by the program itself (a monotonic clock around the run,
# getrusage); on a shared machine CPU time is the steadier of the two.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
DEPTHS=("$@")
if [[ ${#DEPTHS[@]} -eq 0 ]]; then
    DEPTHS=(16 18)
fi
for d in "${DEPTHS[@]}"; do
    if ! [[ "$d" =~ ^[0-9]+$ ]] || ((d < 6 || d > 24)); then
        echo "gc-native.sh: depth \`$d\` is not a number from 6 to 24 (try --help)" >&2
        exit 2
    fi
done
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "gc-native.sh: RUNS=\`$RUNS\` is not a positive number" >&2
    exit 2
fi

cd "$ROOT"
cargo build --release --quiet -p jitsupport-gc --example binary_trees --example alloc_rate
BIN="$ROOT/target/release/examples/binary_trees"
ALLOC_BIN="$ROOT/target/release/examples/alloc_rate"
ALLOCS=${ALLOCS:-20000000}
if ! [[ "$ALLOCS" =~ ^[1-9][0-9]*$ ]]; then
    echo "gc-native.sh: ALLOCS=\`$ALLOCS\` is not a positive number" >&2
    exit 2
fi

# field NAME LINE: the value of NAME=... in a result line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

printf '%-6s %-6s %9s %9s %9s %8s %7s %7s %11s %10s\n' \
    depth alloc "time ms" "cpu ms" "peak MB" "cpu/box" minor major "longest ms" "total ms"
for depth in "${DEPTHS[@]}"; do
    box_cpu=
    for mode in box gc bump; do
        best=
        for ((i = 0; i < RUNS; i++)); do
            line=$("$BIN" "$mode" "$depth" | grep '^result ')
            cpu=$(field cpu_ms "$line")
            if [[ -z "$best" ]] || awk -v a="$cpu" -v b="$(field cpu_ms "$best")" 'BEGIN { exit !(a < b) }'; then
                best=$line
            fi
        done
        cpu=$(field cpu_ms "$best")
        [[ "$mode" == box ]] && box_cpu=$cpu
        printf '%-6s %-6s %9s %9s %9.1f %8.2f %7s %7s %11.2f %10.1f\n' \
            "$depth" "$mode" "$(field ms "$best")" "$cpu" \
            "$(awk -v k="$(field rss_kb "$best")" 'BEGIN { print k / 1024 }')" \
            "$(awk -v a="$cpu" -v b="$box_cpu" 'BEGIN { print a / b }')" \
            "$(field minor "$best")" "$(field major "$best")" \
            "$(awk -v u="$(field longest_pause_us "$best")" 'BEGIN { print u / 1000 }')" \
            "$(field total_pause_ms "$best")"
    done
done

echo
printf '%-6s %14s %10s %7s %12s\n' alloc "ns per alloc" "peak MB" minor "total ms"
for mode in box gc bump; do
    best=
    for ((i = 0; i < RUNS; i++)); do
        line=$("$ALLOC_BIN" "$mode" "$ALLOCS" | grep '^result ')
        ns=$(field ns_per_alloc "$line")
        if [[ -z "$best" ]] || awk -v a="$ns" -v b="$(field ns_per_alloc "$best")" 'BEGIN { exit !(a < b) }'; then
            best=$line
        fi
    done
    printf '%-6s %14s %10.1f %7s %12s\n' "$mode" "$(field ns_per_alloc "$best")" \
        "$(awk -v k="$(field rss_kb "$best")" 'BEGIN { print k / 1024 }')" \
        "$(field minor "$best")" "$(field total_pause_ms "$best")"
done
