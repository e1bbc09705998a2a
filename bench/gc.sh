#!/usr/bin/env bash
# The collector with the JIT: tlc's binary-trees (targets/tlc/examples/binary_trees.tlc
# with a deeper tree and more rounds) built with -Ojit, run with the JIT on and off, each
# with the collector and with the collector turned into a leaking bump allocator (a
# nursery larger than the run allocates, so that nothing is ever collected or freed: the
# same allocation code, inline in JIT code, without collections). One table: CPU time
# (user + system, the best of RUNS runs), peak RSS, collections and the longest pause
# (from jit-summary). The outputs of all four ways are compared first.
#
# Usage: bench/gc.sh [--quick] [DEPTH ROUNDS]
#   --quick   one run per row instead of RUNS (default 3)
#   DEPTH     the depth of each tree (default 14)
#   ROUNDS    how many trees are built (default 40)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
ARGS=()
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        -h | --help)
            sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "gc.sh: unknown argument \`$arg\` (try --help)" >&2
            exit 2
            ;;
        *) ARGS+=("$arg") ;;
    esac
done
DEPTH=${ARGS[0]:-14}
ROUNDS=${ARGS[1]:-40}
for n in "$DEPTH" "$ROUNDS"; do
    if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then
        echo "gc.sh: DEPTH and ROUNDS are positive integers, not \`$n\`" >&2
        exit 2
    fi
done
if [ ! -x /usr/bin/time ]; then
    echo "gc.sh: /usr/bin/time is needed for the peak RSS (apt-get install time)" >&2
    exit 2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== building tlc with -Ojit" >&2
cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
    -Ojit "$ROOT/targets/tlc" --output "$WORK/tlc" >&2

PROGRAM="$WORK/binary_trees.tlc"
sed -e "s/^    push 50 /    push $ROUNDS /" -e "s/^    push 8$/    push $DEPTH/" \
    "$ROOT/targets/tlc/examples/binary_trees.tlc" >"$PROGRAM"
if ! grep -q "push $ROUNDS " "$PROGRAM" || ! grep -q "push $DEPTH$" "$PROGRAM"; then
    echo "gc.sh: binary_trees.tlc changed: cannot set the depth and rounds" >&2
    exit 1
fi

# way NAME: the environment of each way.
way_env() {
    case "$1" in
        "jit, gc") echo "" ;;
        "jit, leak") echo "PYRITE_GC_NURSERY=1000GB" ;;
        "no jit, gc") echo "PYRITE_JIT=off" ;;
        "no jit, leak") echo "PYRITE_JIT=off PYRITE_GC_NURSERY=1000GB" ;;
    esac
}
WAYS=("jit, gc" "jit, leak" "no jit, gc" "no jit, leak")

expected=""
for w in "${WAYS[@]}"; do
    out=$(env $(way_env "$w") "$WORK/tlc" "$PROGRAM")
    if [ -z "$expected" ]; then
        expected=$out
    elif [ "$out" != "$expected" ]; then
        echo "gc.sh: \`$w\` printed $out, the first way $expected" >&2
        exit 1
    fi
done

# figure LOG NAME: the number (or, for the pause, the time) on the summary line NAME.
figure() {
    local line
    line=$(grep "^$2" "$1" | tail -1 || true)
    [ -n "$line" ] || { echo "-"; return; }
    echo "${line#"$2"}" | awk '{print $NF}'
}

printf "binary-trees, depth %s, %s rounds (output %s); best of %s\n\n" \
    "$DEPTH" "$ROUNDS" "$expected" "$RUNS"
printf "| %-12s | %8s | %12s | %6s | %6s | %17s |\n" \
    way "CPU s" "peak RSS MB" minor major "longest pause ms"
printf "|%s|%s|%s|%s|%s|%s|\n" --------------  ---------- -------------- -------- -------- -------------------
for w in "${WAYS[@]}"; do
    best=""
    for _ in $(seq "$RUNS"); do
        env $(way_env "$w") PYRITE_LOG="jit-summary:$WORK/log" \
            /usr/bin/time -f "%U %S %M" -o "$WORK/time" "$WORK/tlc" "$PROGRAM" >/dev/null
        read -r user sys rss <"$WORK/time"
        cpu=$(echo "$user + $sys" | bc)
        if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc)" = 1 ]; then
            best=$cpu
            best_rss=$rss
            minor=$(figure "$WORK/log" "gc minor:")
            major=$(figure "$WORK/log" "gc major:")
            pause=$(figure "$WORK/log" "gc longest pause:")
        fi
    done
    [ "$minor" = "-" ] && minor=0
    [ "$major" = "-" ] && major=0
    if [ "$pause" = "-" ]; then pause_ms="-"; else pause_ms=$(echo "$pause * 1000" | bc); fi
    printf "| %-12s | %8.2f | %12d | %6s | %6s | %17s |\n" \
        "$w" "$best" "$((best_rss / 1024))" "$minor" "$major" "$pause_ms"
done
