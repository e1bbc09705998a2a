#!/usr/bin/env bash
# The Python target's benchmark (issue 14's table): pyperformance 1.14.0's benchmark files,
# run unmodified, and the project's own programs under bench/python/, each on CPython 3.11,
# PyPy3, goal/python-c with PYRITE_JIT=off and goal/python-c with the JIT, in one run.
#
# Times are CPU seconds (user + system) of the whole process, warm-up included, the best of
# RUNS runs. A benchmark file runs with its `pyperf` import served by our small shim
# (bench/pyperf/pyperf.py, copied beside the file) for a fixed number of loops (the LOOPS
# column; SCALE multiplies them). Each run's stdout must equal CPython's: a run that fails or
# prints something else shows `-` and a footnote with the first line of its error. The JIT
# column also shows the share of the run spent tracing, optimizing and in the backend
# (from PYRITE_LOG=jit-summary).
#
# Usage: bench/python.sh [--quick] [--no-python-c] [NAME...]
#   --quick         one run per cell instead of RUNS (default 3)
#   --no-python-c   leave out the two python-c columns (no build)
#   NAME...         only these benchmarks (pyperformance names or bench/python/ stems)
# Environment: RUNS (default 3), SCALE (default 1), TIMEOUT (seconds a run may take before
# it is killed and counts as failed, default 600), PYTHON_C (a python-c binary to use
# instead of building one with `translate -Ojit targets/python`), PYPERFORMANCE_DIR (an
# unpacked pyperformance 1.14.0 to use instead of fetching it with pip).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-3}
SCALE=${SCALE:-1}
TIMEOUT=${TIMEOUT:-600}
WITH_PYTHON_C=1
ONLY=()
for arg in "$@"; do
    case "$arg" in
        --quick) RUNS=1 ;;
        --no-python-c) WITH_PYTHON_C=0 ;;
        -h | --help)
            sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        -*)
            echo "python.sh: unknown argument \`$arg\` (try --help)" >&2
            exit 2
            ;;
        *) ONLY+=("$arg") ;;
    esac
done
if ! [[ "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "python.sh: RUNS=$RUNS is not a positive count of runs" >&2
    exit 2
fi
if ! [[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]]; then
    echo "python.sh: TIMEOUT=$TIMEOUT is not a positive number of seconds" >&2
    exit 2
fi
if ! [[ "$SCALE" =~ ^[1-9][0-9]*$ ]]; then
    echo "python.sh: SCALE=$SCALE is not a positive whole factor" >&2
    exit 2
fi
if ! command -v python3 >/dev/null; then
    echo "python.sh: python3 (CPython 3.11) is needed: apt-get install -y python3" >&2
    exit 2
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "python.sh: python3 is $(python3 --version 2>&1), the reference must be 3.11" >&2
    exit 2
fi
PYPY=pypy3
if ! command -v pypy3 >/dev/null; then
    echo "python.sh: pypy3 is not installed; its column stays empty." >&2
    echo "python.sh: install it with: apt-get update && apt-get install -y pypy3" >&2
    PYPY=""
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -n "${PYPERFORMANCE_DIR:-}" ]]; then
    BENCHMARKS="$PYPERFORMANCE_DIR/pyperformance/data-files/benchmarks"
else
    echo "== fetching pyperformance 1.14.0 with pip into $WORK" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
        --target "$WORK/pyperformance" pyperformance==1.14.0 >&2
    BENCHMARKS="$WORK/pyperformance/pyperformance/data-files/benchmarks"
fi
if [[ ! -d "$BENCHMARKS" ]]; then
    echo "python.sh: no benchmark files at $BENCHMARKS" >&2
    exit 2
fi

PYTHON_C_BIN=""
PYTHON_C_NOTE=""
if [[ "$WITH_PYTHON_C" == 1 ]]; then
    if [[ -n "${PYTHON_C:-}" ]]; then
        PYTHON_C_BIN=$PYTHON_C
    else
        echo "== building python-c with translate -Ojit" >&2
        if cargo run --quiet --release --manifest-path "$ROOT/Cargo.toml" -p translate -- \
            -Ojit "$ROOT/targets/python" --output "$WORK/python-c" >"$WORK/build.log" 2>&1; then
            PYTHON_C_BIN="$WORK/python-c"
        else
            # Until the core is inside #[jitsupport::interpreter], translate cannot build it:
            # time the interpreter as cargo builds it (no JIT; both columns run the same).
            why=$(grep -m1 -E 'error' "$WORK/build.log" || tail -1 "$WORK/build.log")
            echo "python.sh: translate -Ojit failed ($why); timing a plain cargo --release build" >&2
            if cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p python \
                --bin python-c >>"$WORK/build.log" 2>&1; then
                PYTHON_C_BIN="$ROOT/target/release/python-c"
                PYTHON_C_NOTE="python-c is a plain \`cargo build --release\` without the JIT (translate -Ojit failed: $why), so its two columns run the same interpreter"
            else
                PYTHON_C_NOTE="the build failed: $(grep -m1 -E 'error' "$WORK/build.log" || tail -1 "$WORK/build.log")"
                echo "python.sh: python-c: $PYTHON_C_NOTE" >&2
            fi
        fi
    fi
fi

echo "== running (CPU seconds, best of $RUNS)" >&2
python3 - "$ROOT" "$BENCHMARKS" "$WORK" "$RUNS" "$SCALE" "$TIMEOUT" "$PYPY" "$WITH_PYTHON_C" \
    "$PYTHON_C_BIN" "$PYTHON_C_NOTE" "${ONLY[@]}" <<'PY'
import math, os, shutil, subprocess, sys, time

(root, benchmarks, work, runs, scale, timeout, pypy, with_python_c, python_c, python_c_note,
 *only) = sys.argv[1:]
runs, scale, timeout = int(runs), int(scale), int(timeout)

# The pyperformance benchmarks and their loops: about a second of CPython each.
PYPERFORMANCE = [
    ("richards", 10), ("richards_super", 10), ("nbody", 5), ("float", 5), ("chaos", 5),
    ("deltablue", 100), ("raytrace", 2), ("go", 3), ("hexiom", 50), ("spectral_norm", 5),
    ("fannkuch", 2), ("nqueens", 8), ("unpack_sequence", 10000), ("generators", 15),
    ("pidigits", 4), ("meteor_contest", 7),
]

programs = []  # (name, loops or "-", directory, file, args)
for name, loops in PYPERFORMANCE:
    d = os.path.join(work, "bm", name)
    os.makedirs(d)
    src = os.path.join(benchmarks, "bm_" + name, "run_benchmark.py")
    if not os.path.exists(src):
        sys.exit("python.sh: pyperformance has no %s" % src)
    shutil.copy(src, os.path.join(d, "run_benchmark.py"))
    shutil.copy(os.path.join(root, "bench", "pyperf", "pyperf.py"), d)
    programs.append((name, loops * scale, d, "run_benchmark.py",
                     ["--loops", str(loops * scale), "--quiet"]))
own = os.path.join(root, "bench", "python")
for f in sorted(os.listdir(own)):
    if f.endswith(".py"):
        programs.append((f[:-3], "-", own, f, []))
if only:
    unknown = set(only) - {p[0] for p in programs}
    if unknown:
        sys.exit("python.sh: no benchmark named %s" % ", ".join(sorted(unknown)))
    programs = [p for p in programs if p[0] in only]

columns = [("CPython 3.11", ["python3", "-B"], {})]
notes = []
columns.append(("PyPy3", [pypy] if pypy else None, {}))
if not pypy:
    notes.append("PyPy3: pypy3 is not installed (apt-get update && apt-get install -y pypy3)")
if with_python_c == "1":
    pc = [python_c] if python_c else None
    columns.append(("python-c, JIT off", pc, {"PYRITE_JIT": "off"}))
    columns.append(("python-c, JIT", pc, {}))
    if python_c_note:
        notes.append("python-c: " + python_c_note)


def run(cmd, directory, env_extra, capture_to=None):
    """(cpu seconds, stdout, stderr, status) of one run."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(env_extra)
    with open(os.path.join(work, "out"), "wb") as out, open(os.path.join(work, "err"), "wb") as err:
        p = subprocess.Popen(cmd, cwd=directory, env=env, stdin=subprocess.DEVNULL,
                             stdout=out, stderr=err)
        start = time.monotonic()
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                p.kill()
                _, status, usage = os.wait4(p.pid, 0)
                err.write(b"\nkilled after %d seconds (TIMEOUT)\n" % timeout)
                break
            time.sleep(0.005)
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(os.path.join(work, "out"), "rb") as f:
        stdout = f.read()
    with open(os.path.join(work, "err"), "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    return usage.ru_utime + usage.ru_stime, stdout, stderr, p.returncode


def first_error(stderr, status):
    lines = [l for l in stderr.splitlines() if l.strip()]
    if lines:
        return lines[-1].strip()[:160]
    return "exit status %d" % status


def jit_shares(cmd, directory, args):
    """The seconds spent tracing, optimizing and in the backend, from jit-summary."""
    log = os.path.join(work, "summary.log")
    if os.path.exists(log):
        os.remove(log)
    run(cmd + args, directory, {"PYRITE_LOG": "jit-summary:" + log})
    total = 0.0
    try:
        with open(log) as f:
            for line in f:
                parts = line.split()
                if parts and parts[0] in ("Tracing:", "Optimizing:", "Backend:") and len(parts) > 2:
                    total += float(parts[2])
    except (OSError, ValueError):
        return None
    return total


results = {}  # (program, column) -> seconds or footnote number
footnotes = []
shares = {}
for name, loops, directory, file, args in programs:
    print("   %s" % name, file=sys.stderr)
    expected = None
    for col, cmd, env in columns:
        if cmd is None:
            results[name, col] = None
            continue
        if col != "CPython 3.11" and expected is None:
            results[name, col] = None
            continue
        best = None
        failure = None
        for _ in range(runs):
            t, out, err, status = run(cmd + [file] + args, directory, env)
            if status != 0:
                failure = first_error(err, status)
                break
            if expected is None:
                expected = out
            elif out != expected:
                mine = out.decode("utf-8", "replace").splitlines() or [""]
                failure = "prints %r where CPython prints %r" % (
                    mine[0][:60], expected.decode("utf-8", "replace").splitlines()[0][:60])
                break
            best = t if best is None else min(best, t)
        if failure is not None:
            footnotes.append("%s on %s: %s" % (name, col, failure))
            results[name, col] = len(footnotes)
        else:
            results[name, col] = best
            if col == "python-c, JIT":
                shares[name] = jit_shares(cmd, directory, [file] + args)


def cell(value, ref):
    if value is None:
        return "-"
    if isinstance(value, int):
        return "- [%d]" % value
    if isinstance(ref, float) and ref > 0 and value > 0:
        return "%.3f (%.2fx)" % (value, ref / value)
    return "%.3f" % value


print()
print("CPU seconds of the whole process (best of %d); in parentheses the speed-up over "
      "CPython 3.11 (higher is faster)." % runs)
print()
head = ["benchmark", "loops"] + [c[0] for c in columns]
if with_python_c == "1":
    head += ["JIT vs PyPy", "JIT: tracing+optimizing+backend"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
speedups = {c[0]: [] for c in columns}
jit_vs_pypy = []
for name, loops, *_ in programs:
    ref = results[name, "CPython 3.11"]
    row = [name, str(loops)]
    for col, _, _ in columns:
        v = results[name, col]
        row.append(cell(v, ref))
        if isinstance(v, float) and isinstance(ref, float) and v > 0:
            speedups[col].append(ref / v)
    if with_python_c == "1":
        j = results[name, "python-c, JIT"]
        p = results.get((name, "PyPy3"))
        if isinstance(j, float) and isinstance(p, float) and j > 0:
            row.append("%.2fx" % (p / j))
            jit_vs_pypy.append(p / j)
        else:
            row.append("-")
        s = shares.get(name)
        row.append("%.1f%%" % (100 * s / j) if s is not None and isinstance(j, float) and j > 0 else "-")
    print("| " + " | ".join(row) + " |")


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


row = ["geometric mean", ""]
for col, _, _ in columns:
    g = geomean(speedups[col])
    row.append("(%.2fx, %d programs)" % (g, len(speedups[col])) if g else "-")
if with_python_c == "1":
    g = geomean(jit_vs_pypy)
    row.append("%.2fx" % g if g else "-")
    row.append("")
print("| " + " | ".join(row) + " |")
if footnotes or notes:
    print()
for n in notes:
    print("- " + n)
for k, f in enumerate(footnotes, 1):
    print("%d. %s" % (k, f))
PY
