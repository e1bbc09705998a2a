#!/usr/bin/env bash
# Measures what #[jitsupport::interpreter] costs the native bf interpreter: runs
# targets/bf/examples/bench.b with the core compiled through the attribute (`bf`)
# and without it (`bf-plain`), side by side, and prints a table and the ratio.
#
# Usage: bench/bf-attribute.sh [--simple] [PROGRAM.b]
#   --simple   time with a plain loop of runs (min and median) instead of hyperfine
# Environment: RUNS (default 10) and WARMUP (default 1) runs per binary.
#
# It builds the release profile first. hyperfine is used when present; when it is
# missing and the script runs as root, it installs it with apt-get; otherwise it falls
# back to the simple timing loop. The programs run with their input from /dev/null.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
SIMPLE=0
PROGRAM=

for arg in "$@"; do
    case "$arg" in
        --simple) SIMPLE=1 ;;
        -h | --help)
            sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "bf-attribute.sh: unknown option \`$arg\` (try --help)" >&2
            exit 2
            ;;
        *)
            if [[ -n "$PROGRAM" ]]; then
                echo "bf-attribute.sh: give at most one program" >&2
                exit 2
            fi
            PROGRAM=$arg
            ;;
    esac
done
PROGRAM=${PROGRAM:-$ROOT/targets/bf/examples/bench.b}
if [[ ! -r "$PROGRAM" ]]; then
    echo "bf-attribute.sh: cannot read the program \`$PROGRAM\`" >&2
    exit 2
fi
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ && "$WARMUP" =~ ^[0-9]+$ ]]; then
    echo "bf-attribute.sh: RUNS must be a positive integer and WARMUP a non-negative one" >&2
    exit 2
fi

echo "== building bf and bf-plain (release)"
cargo build --quiet --release -p bf --manifest-path "$ROOT/Cargo.toml"
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BF="$TARGET_DIR/release/bf"
BF_PLAIN="$TARGET_DIR/release/bf-plain"
for bin in "$BF" "$BF_PLAIN"; do
    if [[ ! -x "$bin" ]]; then
        echo "bf-attribute.sh: the build did not produce $bin" >&2
        exit 1
    fi
done

# Both must print the same thing before their times mean anything.
expected=$("$BF_PLAIN" "$PROGRAM" </dev/null)
actual=$("$BF" "$PROGRAM" </dev/null)
if [[ "$expected" != "$actual" ]]; then
    echo "bf-attribute.sh: bf and bf-plain disagree on $PROGRAM:" >&2
    echo "  bf:       $actual" >&2
    echo "  bf-plain: $expected" >&2
    exit 1
fi

if [[ $SIMPLE -eq 0 ]] && ! command -v hyperfine >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "== hyperfine is missing; installing it with apt-get (running as root)"
        if ! apt-get install -y -qq hyperfine >/dev/null 2>&1; then
            apt-get update -qq >/dev/null 2>&1 || true
            apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
        fi
    fi
    if ! command -v hyperfine >/dev/null; then
        echo "== hyperfine is missing (install it: apt-get install hyperfine);" \
            "falling back to a simple timing loop"
        SIMPLE=1
    fi
fi

echo "== $PROGRAM: $RUNS runs each after $WARMUP warm-up run(s)"
echo "   cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)," \
    "$(nproc) core(s), load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

if [[ $SIMPLE -eq 0 ]]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    hyperfine --shell=none --style basic --warmup "$WARMUP" --runs "$RUNS" \
        --export-csv "$tmp/times.csv" --export-markdown "$tmp/times.md" \
        --command-name "bf (#[interpreter])" "$BF $PROGRAM" \
        --command-name "bf-plain (no attribute)" "$BF_PLAIN $PROGRAM" >"$tmp/log" 2>&1 || {
        cat "$tmp/log" >&2
        exit 1
    }
    echo
    cat "$tmp/times.md"
    echo
    # CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
    awk -F, 'NR == 2 { a = $2; am = $7 } NR == 3 { p = $2; pm = $7 }
        END { printf "ratio bf / bf-plain: %.3f (mean), %.3f (min)\n", a / p, am / pm }' \
        "$tmp/times.csv"
else
    # Times one binary RUNS times; prints "min median" in seconds.
    time_runs() {
        local bin=$1 i start end
        local -a times=()
        for ((i = 0; i < WARMUP; i++)); do "$bin" "$PROGRAM" </dev/null >/dev/null; done
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            "$bin" "$PROGRAM" </dev/null >/dev/null
            end=$(date +%s%N)
            times+=($((end - start)))
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '
            { t[NR] = $1 }
            END {
                med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                printf "%.3f %.3f\n", t[1] / 1e9, med / 1e9
            }'
    }
    read -r a_min a_med < <(time_runs "$BF")
    read -r p_min p_med < <(time_runs "$BF_PLAIN")
    echo
    echo "| Command | Min [s] | Median [s] |"
    echo "|:---|---:|---:|"
    echo "| bf (#[interpreter]) | $a_min | $a_med |"
    echo "| bf-plain (no attribute) | $p_min | $p_med |"
    echo
    awk -v a="$a_med" -v p="$p_med" 'BEGIN { printf "ratio bf / bf-plain (median): %.3f\n", a / p }'
fi

# Timings on a shared machine are noisy; the code itself says more. Both binaries link
# both cores, so compare the two compilations of the dispatch loop inside one binary.
if command -v nm >/dev/null && command -v objdump >/dev/null; then
    # Prints the instructions of the function whose demangled name ends in $1, with
    # addresses and symbol names removed.
    listing() {
        local line start size
        line=$(nm -S --demangle "$BF" | grep -E " T bf::$1::core::run$" | head -1)
        [[ -n "$line" ]] || return 1
        read -r start size _ <<<"$line"
        objdump -d --no-show-raw-insn "$BF" --start-address=$((0x$start)) \
            --stop-address=$((0x$start + 0x$size)) |
            awk 'NR > 7 { $1 = ""; print }' |
            sed 's/#.*//; s/0x[0-9a-f]*//g; s/[0-9a-f]\{5,\}//g; s/<[^>]*>//g'
    }
    if a_code=$(listing interp) && p_code=$(listing plain); then
        if [[ "$a_code" == "$p_code" ]]; then
            echo "machine code of core::run: identical in both compilations" \
                "($(wc -l <<<"$a_code") instructions, addresses aside)"
        else
            echo "machine code of core::run: the two compilations differ:"
            diff <(echo "$a_code") <(echo "$p_code") | head -20 || true
        fi
    fi
fi
