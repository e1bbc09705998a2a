#!/usr/bin/env bash
# The collector with the JIT: tlc built with -Ojit runs two programs with the JIT on and
# off, each with the collector and with the collector turned into a leaking bump
# allocator (a nursery larger than the run allocates, so that nothing is ever collected
# or freed: the same allocation code, inline in JIT code, without collections):
# binary-trees (targets/tlc/examples/binary_trees.tlc with a deeper tree and more
# rounds; recursive, so the JIT aborts its traces as too long and it runs in the
# interpreter either way) and a list churn (a loop consing a list of LEN cells, then a
# loop counting it, ROUNDS times; both loops compiled, every cell allocated inline in
# JIT code). One table per program: CPU time (user + system, the best of RUNS runs),
# peak RSS, collections, the longest pause (from jit-summary) and the loops compiled.
# The outputs of the four ways are compared first.
#
# Usage: bench/gc.sh [--quick] [DEPTH ROUNDS [LEN]]
#   --quick   one run per row instead of RUNS (default 3)
#   DEPTH     the depth of each tree (default 14)
#   ROUNDS    how many trees, and lists, are built (default 40)
#   LEN       the length of each list (default 100000)

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
ARGS=()
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        -h | --help)
            sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
LEN=${ARGS[2]:-100000}
for n in "$DEPTH" "$ROUNDS" "$LEN"; do
    if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ]; then
        echo "gc.sh: DEPTH, ROUNDS and LEN are positive integers, not \`$n\`" >&2
        exit 2
    fi
done
for tool in /usr/bin/time bc; do
    if ! command -v "$tool" >/dev/null; then
        echo "gc.sh: \`$tool\` is needed (apt-get install time bc)" >&2
        exit 2
    fi
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== building tlc with -Ojit" >&2
cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
    -Ojit "$ROOT/targets/tlc" --output "$WORK/tlc" >&2

TREES="$WORK/binary_trees.tlc"
sed -e "s/^    push 50 /    push $ROUNDS /" -e "s/^    push 8$/    push $DEPTH/" \
    "$ROOT/targets/tlc/examples/binary_trees.tlc" >"$TREES"
if ! grep -q "push $ROUNDS " "$TREES" || ! grep -q "push $DEPTH$" "$TREES"; then
    echo "gc.sh: binary_trees.tlc changed: cannot set the depth and rounds" >&2
    exit 1
fi

LISTS="$WORK/lists.tlc"
cat >"$LISTS" <<PROGRAM
# ROUNDS times: a list of LEN cells built in a loop, then counted; prints the count.
    push 0           # c
    push $ROUNDS     # c r
outer:
    swap             # r c
    pop              # r
    nil              # r list
    push $LEN        # r list n
build:
    dup              # r list n n
    br_if more       # r list n
    pop              # r list
    push 0           # r list 0
    swap             # r 0 list
count:
    dup              # r c list list
    is_nil           # r c list b
    br_if counted    # r c list
    cdr              # r c tail
    swap             # r tail c
    push 1
    add              # r tail c+1
    swap             # r c+1 tail
    br count
counted:
    pop              # r c
    swap             # c r
    push 1
    sub              # c r-1
    dup              # c r-1 r-1
    br_if outer      # c r-1
    pop              # c
    print
    halt
more:                # r list n
    swap             # r n list
    pick 1           # r n list n
    swap             # r n n list
    cons             # r n cell
    swap             # r cell n
    push 1
    sub              # r cell n-1
    br build
PROGRAM

WAYS=("jit, gc" "jit, leak" "no jit, gc" "no jit, leak")

# way_env WAY: the environment of a way.
way_env() {
    case "$1" in
        "jit, gc") echo "PYRITE_JIT=default" ;;
        "jit, leak") echo "PYRITE_GC_NURSERY=1000GB" ;;
        "no jit, gc") echo "PYRITE_JIT=off" ;;
        "no jit, leak") echo "PYRITE_JIT=off PYRITE_GC_NURSERY=1000GB" ;;
    esac
}

# figure LOG NAME: the last field of the summary line NAME (a count, or a time).
figure() {
    local line
    line=$(grep "^$2" "$1" | tail -1 || true)
    if [ -z "$line" ]; then
        echo "-"
    else
        echo "${line#"$2"}" | awk '{print $NF}'
    fi
}

# bench TITLE PROGRAM: the table of one program.
bench() {
    local title=$1 program=$2 expected="" out w
    for w in "${WAYS[@]}"; do
        # shellcheck disable=SC2046
        out=$(env $(way_env "$w") "$WORK/tlc" "$program")
        if [ -z "$expected" ]; then
            expected=$out
        elif [ "$out" != "$expected" ]; then
            echo "gc.sh: $title: \`$w\` printed $out, the first way $expected" >&2
            exit 1
        fi
    done
    printf "%s (output %s); best of %s\n\n" "$title" "$expected" "$RUNS"
    printf "| %-12s | %8s | %12s | %6s | %6s | %17s | %5s |\n" \
        way "CPU s" "peak RSS MB" minor major "longest pause ms" loops
    printf "|%s|%s|%s|%s|%s|%s|%s|\n" -------------- ---------- -------------- \
        -------- -------- ------------------- -------
    for w in "${WAYS[@]}"; do
        local best="" best_rss=0 minor=- major=- pause=- loops=- user sys rss cpu pause_ms=-
        for _ in $(seq "$RUNS"); do
            # shellcheck disable=SC2046
            env $(way_env "$w") PYRITE_LOG="jit-summary:$WORK/log" \
                /usr/bin/time -f "%U %S %M" -o "$WORK/time" "$WORK/tlc" "$program" >/dev/null
            read -r user sys rss <"$WORK/time"
            cpu=$(echo "$user + $sys" | bc)
            if [ -z "$best" ] || [ "$(echo "$cpu < $best" | bc)" = 1 ]; then
                best=$cpu
                best_rss=$rss
                minor=$(figure "$WORK/log" "gc minor:")
                major=$(figure "$WORK/log" "gc major:")
                pause=$(figure "$WORK/log" "gc longest pause:")
                loops=$(figure "$WORK/log" "loops:")
            fi
        done
        [ "$minor" = "-" ] && minor=0
        [ "$major" = "-" ] && major=0
        if [ "$pause" != "-" ]; then
            pause_ms=$(printf "%.1f" "$(echo "$pause * 1000" | bc)")
        fi
        printf "| %-12s | %8.2f | %12d | %6s | %6s | %17s | %5s |\n" \
            "$w" "$best" "$((best_rss / 1024))" "$minor" "$major" "$pause_ms" "$loops"
    done
    echo
}

bench "binary-trees, depth $DEPTH, $ROUNDS rounds" "$TREES"
bench "list churn, $ROUNDS lists of $LEN cells" "$LISTS"
