#!/usr/bin/env bash
# Times the blackhole interpreter against the native interpreter: runs one tl program
# (examples/loop_bench.tl with a smaller N) and one bf program (examples/bench.b with
# smaller counts) both natively and through the blackhole running the portal's jitcode,
# with the harness of jitsupport::testing (the ignored `bench_native_against_blackhole`
# tests), and prints a table of the best times and the ratio.
#
# Usage: bench/blackhole.sh
# Environment: BENCH_RUNS (default 3) runs per way, best kept; BENCH_TL_N (default
# 1000000) the N of loop_bench.tl; BENCH_BF_COUNT (default 100, at most 255) the three
# loop counts of bench.b. The blackhole is two orders of magnitude slower than native:
# the full sizes take minutes.
#
# It builds the tests in the release profile first (a minute or two the first time).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "${1:-}" in
    "") ;;
    -h | --help)
        sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "blackhole.sh: no arguments expected, got \`$1\` (try --help)" >&2
        exit 2
        ;;
esac
for var in BENCH_RUNS BENCH_TL_N BENCH_BF_COUNT; do
    value=${!var:-1}
    if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
        echo "blackhole.sh: $var must be a positive integer, not \`$value\`" >&2
        exit 2
    fi
done

LINES=()
for target in tl bf; do
    echo "== $target: building the release tests and timing both ways" >&2
    out=$(cargo test --quiet --release --manifest-path "$ROOT/Cargo.toml" -p "$target" \
        --test blackhole -- --ignored --exact bench_native_against_blackhole --nocapture 2>&1) || {
        echo "$out" >&2
        echo "blackhole.sh: the $target benchmark failed" >&2
        exit 1
    }
    line=$(grep '^BENCH ' <<<"$out" || true)
    if [[ -z "$line" ]]; then
        echo "$out" >&2
        echo "blackhole.sh: the $target benchmark printed no BENCH line" >&2
        exit 1
    fi
    LINES+=("$line")
done

echo
printf '| %-6s | %-28s | %11s | %14s | %9s |\n' target program "native (s)" "blackhole (s)" ratio
printf '|%s|%s|%s|%s|%s|\n' -------- ------------------------------ ------------- ---------------- -----------
for line in "${LINES[@]}"; do
    # BENCH <target> <program> native=<s> blackhole=<s>
    read -r _ target program native blackhole <<<"$line"
    native=${native#native=}
    blackhole=${blackhole#blackhole=}
    ratio=$(awk -v b="$blackhole" -v n="$native" 'BEGIN { if (n > 0) printf "%.1fx", b / n; else print "n/a" }')
    printf '| %-6s | %-28s | %11s | %14s | %9s |\n' "$target" "$program" "$native" "$blackhole" "$ratio"
done
