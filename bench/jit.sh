#!/usr/bin/env bash
# The JIT's benchmark: for tl, bf, tlc and stackvm, the same -Ojit binary run with PYRITE_JIT=off and
# with the JIT on, and for bf also a plain C switch interpreter (gcc -O2, the baseline the
# issue names) and a straight translation of the program to C compiled with gcc -O1 (the
# practical limit), all in one run; prints a table with the ratios and, for each JIT run,
# the share of its time spent tracing, optimizing and in the backend (from jit-summary).
# Every way's output is compared first: a JIT that changes the output fails the run.
#
# Times are CPU seconds (user + system) of the whole process, the best of RUNS runs, so
# that other work on a shared machine disturbs them less than wall time.
#
# Usage: bench/jit.sh [--quick]
#   --quick   one run per row instead of RUNS (default 3)
#
# It builds goal-like binaries with `translate -Ojit` into a temporary directory.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        -h | --help)
            sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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

echo "== building tl, bf, tlc and stackvm with -Ojit" >&2
for target in tl bf tlc stackvm; do
    cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
        -Ojit "$ROOT/targets/$target" --output "$WORK/$target-jit" >&2
done

echo "== translating the bf programs to C (gcc -O1), building the C interpreter (gcc -O2)" >&2
# A straight translation: each command becomes one C statement, runs of + - < > one
# statement each; the tape is 30000 cells as the interpreter's starts.
translate_bf() {
    python3 - "$1" <<'PY'
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
}

# The plain switch interpreter: commands and a bracket map, a byte tape that grows right.
cat >"$WORK/bfi.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
static char code[1 << 20];
static size_t match[1 << 20], stack[1 << 20];
int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: bfi PROGRAM.b\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    size_t n = 0, sp = 0;
    int c;
    while ((c = fgetc(f)) != EOF && n < sizeof code)
        switch (c) {
        case '>': case '<': case '+': case '-': case '.': case ',': case '[': case ']':
            code[n++] = (char)c;
        }
    fclose(f);
    for (size_t i = 0; i < n; i++) {
        if (code[i] == '[') stack[sp++] = i;
        else if (code[i] == ']') { size_t j = stack[--sp]; match[i] = j; match[j] = i; }
    }
    size_t cap = 30000, pos = 0;
    unsigned char *tape = calloc(cap, 1);
    for (size_t pc = 0; pc < n; pc++) {
        switch (code[pc]) {
        case '>':
            if (++pos == cap) {
                tape = realloc(tape, 2 * cap);
                for (size_t k = cap; k < 2 * cap; k++) tape[k] = 0;
                cap *= 2;
            }
            break;
        case '<': if (pos == 0) return 1; pos--; break;
        case '+': tape[pos]++; break;
        case '-': tape[pos]--; break;
        case '.': putchar(tape[pos]); break;
        case ',': { int ch = getchar(); tape[pos] = ch == EOF ? 0 : (unsigned char)ch; } break;
        case '[': if (!tape[pos]) pc = match[pc]; break;
        case ']': if (tape[pos]) pc = match[pc]; break;
        }
    }
    return 0;
}
C
gcc -O2 -o "$WORK/bfi" "$WORK/bfi.c"

TL_PROG="$ROOT/targets/tl/examples/loop_bench.tl"
TLC_PROGS=("$ROOT/bench/tlc/shapes.tlc" "$ROOT/bench/tlc/binary_trees.tlc")
SVM_PROGS=("$ROOT"/bench/stackvm/*.svm)
BF_PROGS=("$ROOT/targets/bf/examples/bench.b" "$ROOT/bench/nested.b")
for prog in "${BF_PROGS[@]}"; do
    name=$(basename "$prog" .b)
    translate_bf "$prog" >"$WORK/$name.c"
    gcc -O1 -o "$WORK/$name-c" "$WORK/$name.c"
done

# cpu_time CMD...: runs CMD RUNS times (stdout discarded), prints the best CPU time.
cpu_time() {
    local best="" t
    local TIMEFORMAT='%U %S'
    for _ in $(seq "$RUNS"); do
        t=$({ time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
        if [[ -z "$best" ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    printf '%.3f' "$best"
}

# same_output NAME CMD...: the output of CMD must equal $WORK/NAME.expected.
same_output() {
    local name=$1
    shift
    if ! "$@" 2>/dev/null | cmp -s - "$WORK/$name.expected"; then
        echo "jit.sh: \`$*\` does not print what the interpreter prints for $name" >&2
        exit 1
    fi
}

# summary_shares BIN PROGRAM: tracing, optimizing, backend seconds from jit-summary.
summary_shares() {
    local log="$WORK/summary.log"
    PYRITE_LOG="jit-summary:$log" "$1" "$2" >/dev/null
    awk '/^Tracing:/ {t=$3} /^Optimizing:/ {o=$3} /^Backend:/ {b=$3} END {printf "%s %s %s", t, o, b}' "$log"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pct() { awk -v t="$1" -v o="$2" -v b="$3" -v all="$4" 'BEGIN { printf "%.2f%%", 100 * (t + o + b) / all }'; }

echo "== checking that every way prints the same" >&2
PYRITE_JIT=off "$WORK/tl-jit" "$TL_PROG" >"$WORK/loop_bench.expected"
same_output loop_bench "$WORK/tl-jit" "$TL_PROG"
for prog in "${TLC_PROGS[@]}"; do
    name=tlc-$(basename "$prog" .tlc)
    PYRITE_JIT=off "$WORK/tlc-jit" "$prog" >"$WORK/$name.expected"
    same_output "$name" "$WORK/tlc-jit" "$prog"
done
for prog in "${SVM_PROGS[@]}"; do
    name=svm-$(basename "$prog" .svm)
    PYRITE_JIT=off "$WORK/stackvm-jit" "$prog" >"$WORK/$name.expected"
    same_output "$name" "$WORK/stackvm-jit" "$prog"
done
for prog in "${BF_PROGS[@]}"; do
    name=$(basename "$prog" .b)
    PYRITE_JIT=off "$WORK/bf-jit" "$prog" >"$WORK/$name.expected"
    same_output "$name" "$WORK/bf-jit" "$prog"
    same_output "$name" "$WORK/bfi" "$prog"
    same_output "$name" "$WORK/$name-c"
done

echo "== timing (CPU seconds, best of $RUNS)" >&2
printf '\n| program | C switch interpreter | PYRITE_JIT=off | JIT on | JIT speed-up | gcc -O1 translation | JIT / gcc | tracing+optimizing+backend |\n'
printf '|---|---|---|---|---|---|---|---|\n'
tl_off=$(PYRITE_JIT=off cpu_time "$WORK/tl-jit" "$TL_PROG")
tl_on=$(cpu_time "$WORK/tl-jit" "$TL_PROG")
read -r t o b <<<"$(summary_shares "$WORK/tl-jit" "$TL_PROG")"
printf '| tl loop_bench.tl | - | %s | %s | %sx | - | - | %s |\n' \
    "$tl_off" "$tl_on" "$(ratio "$tl_off" "$tl_on")" "$(pct "$t" "$o" "$b" "$tl_on")"
for prog in "${TLC_PROGS[@]}"; do
    off=$(PYRITE_JIT=off cpu_time "$WORK/tlc-jit" "$prog")
    on=$(cpu_time "$WORK/tlc-jit" "$prog")
    read -r t o b <<<"$(summary_shares "$WORK/tlc-jit" "$prog")"
    printf '| tlc %s | - | %s | %s | %sx | - | - | %s |\n' "$(basename "$prog")" \
        "$off" "$on" "$(ratio "$off" "$on")" "$(pct "$t" "$o" "$b" "$on")"
done
for prog in "${SVM_PROGS[@]}"; do
    off=$(PYRITE_JIT=off cpu_time "$WORK/stackvm-jit" "$prog")
    on=$(cpu_time "$WORK/stackvm-jit" "$prog")
    read -r t o b <<<"$(summary_shares "$WORK/stackvm-jit" "$prog")"
    printf '| stackvm %s | - | %s | %s | %sx | - | - | %s |\n' "$(basename "$prog")" \
        "$off" "$on" "$(ratio "$off" "$on")" "$(pct "$t" "$o" "$b" "$on")"
done
for prog in "${BF_PROGS[@]}"; do
    name=$(basename "$prog" .b)
    c_interp=$(cpu_time "$WORK/bfi" "$prog")
    off=$(PYRITE_JIT=off cpu_time "$WORK/bf-jit" "$prog")
    on=$(cpu_time "$WORK/bf-jit" "$prog")
    c=$(cpu_time "$WORK/$name-c")
    read -r t o b <<<"$(summary_shares "$WORK/bf-jit" "$prog")"
    printf '| bf %s.b | %s | %s | %s | %sx | %s | %sx | %s |\n' "$name" "$c_interp" "$off" "$on" \
        "$(ratio "$off" "$on")" "$c" "$(ratio "$on" "$c")" "$(pct "$t" "$o" "$b" "$on")"
done
