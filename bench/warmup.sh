#!/usr/bin/env bash
# Warm-up and memory (issue 16): for a family of generated programs (many small loops,
# deep nesting, many exits, more hot loops than loop_longevity), the same -Ojit binary
# with PYRITE_JIT=off, at the defaults and eager (threshold=1,trace_eagerness=1): CPU time
# and peak RSS side by side, with the ratios to the JIT off. The targets: at the defaults
# no row slower than 1.5x the JIT off and peak RSS within 2x plus a few MB; eager, time
# and memory proportional to the program (2000 small loops: under 2 s and 200 MB).
# Every way's output is compared first.
#
# Times are CPU seconds (user + system, to the millisecond), the best of RUNS runs; RSS
# is the peak resident set of the best run, in MB (GNU time's %M).
#
# Usage: bench/warmup.sh [--quick]
#   --quick   one run per row instead of RUNS (default 3)
#
# It builds tl and bf with `translate -Ojit` into a temporary directory.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        -h | --help)
            sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "warmup.sh: unknown argument \`$arg\` (try --help)" >&2
            exit 2
            ;;
    esac
done
for tool in python3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "warmup.sh: \`$tool\` is needed (apt-get install python3 time)" >&2
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

echo "== generating the programs" >&2
python3 - "$WORK" <<'PY'
import sys, os
work = sys.argv[1]
def write(name, text):
    with open(os.path.join(work, name), "w") as f:
        f.write(text)

# bf: 2000 small loops one after the other (each multiplies a cell into the next).
write("small_loops.b", "++++++++[>+++<-]>\n" * 2000 + ".\n")
# bf: a nest 9 deep, 7 rounds at each level (40 million rounds of the innermost loop).
depth = 9
write("deep_nest.b", "".join("+++++++[>" for _ in range(depth)) + "+" +
      "".join("<-]" for _ in range(depth)) + ">" * depth + ".\n")
# bf: a hot loop with many exits: 60 blocks whose inner loops run different numbers of
# rounds, 250 times in each of 100 rounds.
body = "".join(f">{'+' * (i % 7 + 1)}[-]<" if i % 2 else ">+[->+<]<" for i in range(60))
write("many_exits.b", "+" * 100 + "[>" + "+" * 250 + "[" + body + "-]<-]>>.\n")
# bf: 1200 hot loops in 6 rounds, more than loop_longevity=1000 (each was compiled again
# every round).
write("cycling_loops.b", "++++++[>" + "++++++++[>-[-]<-]" * 1200 + "<-]>>.\n")

# tl: 2000 small counting loops one after the other.
lines = []
for i in range(2000):
    lines += [f"push 8", f"l{i}:", "push 1", "sub", "dup", f"br_if l{i}", "pop"]
lines += ["push 1", "print"]
write("small_loops.tl", "\n".join(lines) + "\n")
# tl: three nested counting loops, 300 rounds each.
write("deep_nest.tl", """push 0
push 300
outer:
    push 300
middle:
        push 300
inner:
            roll 3
            push 1
            add
            roll 3
            roll 3
            roll 3
            push 1
            sub
            dup
            br_if inner
        pop
        push 1
        sub
        dup
        br_if middle
    pop
    push 1
    sub
    dup
    br_if outer
pop
print
""")
PY

# measure CMD...: runs CMD RUNS times (stdout discarded); prints "cpu_seconds rss_mb" of
# the fastest run. The CPU time is the rusage of GNU time and its child, to the
# microsecond; the RSS is the child's own peak, as GNU time's %M reports it (a child of
# python would count python's memory, which it shares until it execs).
measure() {
    python3 - "$RUNS" "$@" <<'PY'
import os, subprocess, sys
runs, argv = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M"] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, _, ru = os.wait4(p.pid, 0)
    rss_kb = int(err.decode(errors="replace").strip().splitlines()[-1])
    t = ru.ru_utime + ru.ru_stime
    if best is None or t < best[0]:
        best = (t, rss_kb / 1024)
print(f"{best[0]:.3f} {best[1]:.1f}")
PY
}

# bin_of PROGRAM: the binary that runs it (by its extension).
bin_of() {
    case "$1" in
        *.b) echo "$WORK/bf-jit" ;;
        *) echo "$WORK/tl-jit" ;;
    esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 0.001) b = 0.001; printf "%.2f", a / b }'; }

EAGER="threshold=1,trace_eagerness=1"
echo "== checking that every way prints the same" >&2
for prog in "$WORK"/*.b "$WORK"/*.tl; do
    bin=$(bin_of "$prog")
    PYRITE_JIT=off "$bin" "$prog" >"$prog.expected"
    for setting in "" "$EAGER"; do
        if ! PYRITE_JIT="$setting" "$bin" "$prog" 2>/dev/null | cmp -s - "$prog.expected"; then
            echo "warmup.sh: PYRITE_JIT=$setting $bin $prog does not print what the JIT off prints" >&2
            exit 1
        fi
    done
done

echo "== timing (CPU seconds, best of $RUNS; peak RSS in MB)" >&2
printf '\n| program | off | default | default/off | eager | eager/off | RSS off | RSS default | RSS eager |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for prog in "$WORK"/*.b "$WORK"/*.tl; do
    bin=$(bin_of "$prog")
    read -r t_off m_off <<<"$(PYRITE_JIT=off measure "$bin" "$prog")"
    read -r t_def m_def <<<"$(PYRITE_JIT= measure "$bin" "$prog")"
    read -r t_eag m_eag <<<"$(PYRITE_JIT=$EAGER measure "$bin" "$prog")"
    printf '| %s | %s | %s | %sx | %s | %sx | %s | %s | %s |\n' "$(basename "$prog")" \
        "$t_off" "$t_def" "$(ratio "$t_def" "$t_off")" "$t_eag" "$(ratio "$t_eag" "$t_off")" \
        "$m_off" "$m_def" "$m_eag"
done
