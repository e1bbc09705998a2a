#!/usr/bin/env python3
"""Runs every conformance program on a python-c binary and prints which ones match their
golden (the normalisation of tests/conformance.rs). Usage:
    bench/conformance-scan.py [BINARY] [--write-passing]
Prints `PASS area/name` or `FAIL area/name`, then a count; --write-passing rewrites
tests/programs/PASSING (keeping its header comments) with the passing programs."""
import os, subprocess, sys, concurrent.futures

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "programs")

def normalise(d, out, err, status):
    tail = []
    if err:
        err = err.replace(d + "/", "")
        lines = err.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        last = lines[-1] if lines else ""
        syntax = any(last.startswith(p) for p in ("SyntaxError:", "IndentationError:", "TabError:"))
        tail.append("--- stderr")
        tail.extend(l for l in lines if syntax or not l.startswith("    "))
    if status != 0:
        tail.append("--- exit %d" % status)
    if tail:
        if out and not out.endswith("\n"):
            out += "\n--- no newline at end of stdout\n"
        out += "\n".join(tail) + "\n"
    return out

def run(exe, prog):
    d = os.path.join(ROOT, os.path.dirname(prog))
    base = os.path.basename(prog)
    args = [base + ".py"]
    af = os.path.join(d, base + ".args")
    if os.path.exists(af):
        args += open(af).read().splitlines()
    try:
        p = subprocess.run([exe] + args, cwd=d, env={"PATH": os.environ["PATH"], "LC_ALL": "C.UTF-8", "PYRITE_JIT": "off", **({"PYRITE_GC_NURSERY": os.environ["PYRITE_GC_NURSERY"]} if "PYRITE_GC_NURSERY" in os.environ else {})},
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return prog, False
    got = normalise(d, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode)
    want = open(os.path.join(d, base + ".out"), encoding="utf-8").read()
    return prog, got == want

def main():
    exe = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else \
        os.path.join(ROOT, "..", "..", "..", "..", "target", "debug", "python-c")
    progs = []
    for area in sorted(os.listdir(ROOT)):
        p = os.path.join(ROOT, area)
        if os.path.isdir(p) and not area.startswith((".", "_")):
            for f in sorted(os.listdir(p)):
                if f.endswith(".py") and not f.startswith("_"):
                    progs.append(area + "/" + f[:-3])
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        results = list(ex.map(lambda q: run(exe, q), progs))
    passing = [p for p, ok in results if ok]
    for p, ok in results:
        print(("PASS " if ok else "FAIL ") + p)
    print("%d of %d pass" % (len(passing), len(results)))
    if "--write-passing" in sys.argv:
        path = os.path.join(ROOT, "PASSING")
        head = [l for l in open(path).read().splitlines() if l.startswith("#")]
        open(path, "w").write("\n".join(head + passing) + "\n")

main()
