#!/usr/bin/env python3
"""Regenerate the golden files of the Python conformance suite with CPython 3.11.

Usage: bless.py [--check] [AREA/NAME ...]
       bless.py --survey EXE [--write-passing] [AREA/NAME ...]

Runs `python3 -B NAME.py ARGS...` in each program's directory (ARGS: the lines of NAME.args
when it exists; stdin is empty) and writes NAME.out in the golden format README.md describes.
Every program runs twice, with PYTHONHASHSEED=1 and =2, and must print the same both times
(a program whose output depends on string hashing is reported, not blessed), must finish
within TIMEOUT seconds and should finish within one second (a slower one is reported).

--check   write nothing; print a diff for each golden that differs and exit 1 if any does.
With names, only those programs are run (AREA/NAME, with or without `.py`).

--survey EXE      run the programs on EXE (e.g. target/debug/python-c) with PYRITE_JIT=off
                  instead, and list those that print their golden and those that do not
                  (with the first differing line); nothing is written.
--write-passing   with --survey: rewrite PASSING to list exactly the programs that passed
                  (its comment lines are kept). Review the change before committing it.
"""

import difflib
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 10.0
SLOW = 1.0


def programs():
    """Every program of the suite as AREA/NAME, sorted; files starting with `_` are helper
    modules that programs import, not programs."""
    found = []
    for area in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, area)
        if not os.path.isdir(d) or area.startswith((".", "_")):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".py") and not f.startswith("_"):
                found.append(area + "/" + f[:-3])
    return found


def normalise(directory, stdout, stderr, status):
    """The golden text of one run: stdout as printed; then, when stderr is not empty, a line
    `--- stderr` and stderr with the program's directory left out of paths and, unless the
    error is a syntax error, the source and caret lines of the traceback (the lines indented
    by four spaces) left out; then, when the status is not zero, a line `--- exit N`."""
    out = stdout
    tail = []
    if stderr:
        lines = stderr.replace(directory + "/", "").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        last = lines[-1] if lines else ""
        syntax = last.startswith(("SyntaxError:", "IndentationError:", "TabError:"))
        tail.append("--- stderr")
        tail.extend(l for l in lines if syntax or not l.startswith("    "))
    if status != 0:
        tail.append("--- exit %d" % status)
    if tail:
        if out and not out.endswith("\n"):
            out += "\n--- no newline at end of stdout\n"
        out += "\n".join(tail) + "\n"
    return out


def run(name, seed, exe=None):
    directory = os.path.join(HERE, os.path.dirname(name))
    base = os.path.basename(name)
    args = []
    args_file = os.path.join(directory, base + ".args")
    if os.path.exists(args_file):
        with open(args_file, encoding="utf-8") as f:
            args = f.read().splitlines()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": str(seed),
    }
    command = ["python3", "-B"]
    if exe is not None:
        env = {"PATH": env["PATH"], "LC_ALL": "C.UTF-8", "PYRITE_JIT": "off"}
        command = [exe]
    start = time.monotonic()
    p = subprocess.run(
        command + [base + ".py"] + args,
        cwd=directory,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    elapsed = time.monotonic() - start
    text = normalise(
        directory,
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
        p.returncode,
    )
    return text, elapsed


def first_difference(expected, actual):
    e = expected.splitlines()
    a = actual.splitlines()
    for k in range(max(len(e), len(a))):
        x = e[k] if k < len(e) else "<end>"
        y = a[k] if k < len(a) else "<end>"
        if x != y:
            return "line %d: expected %r, got %r" % (k + 1, x[:70], y[:70])
    return "the newline at the end differs"


def survey(exe, names, write_passing):
    """Runs the programs on another implementation and reports which print their golden."""
    exe = os.path.abspath(exe)
    passed, failed = [], []
    for name in names:
        with open(os.path.join(HERE, name + ".out"), encoding="utf-8") as f:
            expected = f.read()
        try:
            actual, _ = run(name, 0, exe)
        except subprocess.TimeoutExpired:
            failed.append((name, "runs longer than %gs" % TIMEOUT))
            continue
        if actual == expected:
            passed.append(name)
        else:
            failed.append((name, first_difference(expected, actual)))
    for name, why in failed:
        print("FAIL %s: %s" % (name, why))
    for name in passed:
        print("pass %s" % name)
    print("%d of %d programs print their golden on %s" % (len(passed), len(names), exe))
    if write_passing:
        path = os.path.join(HERE, "PASSING")
        with open(path, encoding="utf-8") as f:
            header = [l for l in f.read().splitlines() if l.startswith("#")]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(header + passed) + "\n")
        print("bless.py: PASSING lists %d programs" % len(passed), file=sys.stderr)
    return 0


def main(argv):
    check = "--check" in argv
    write_passing = "--write-passing" in argv
    exe = None
    argv = [a for a in argv if a not in ("--check", "--write-passing")]
    if "--survey" in argv:
        k = argv.index("--survey")
        if k + 1 >= len(argv):
            print("bless.py: --survey needs the program to run, e.g. target/debug/python-c",
                  file=sys.stderr)
            return 2
        exe = argv[k + 1]
        del argv[k:k + 2]
    names = argv
    if any(a.startswith("-") for a in names) or (write_passing and exe is None):
        print(__doc__, file=sys.stderr)
        return 2
    if write_passing and names:
        print("bless.py: --write-passing surveys every program; give no names", file=sys.stderr)
        return 2
    if exe is not None:
        every = programs()
        names = [n[:-3] if n.endswith(".py") else n for n in names] or every
        unknown = [n for n in names if n not in every]
        if unknown:
            print("bless.py: no such program: %s" % ", ".join(unknown), file=sys.stderr)
            return 2
        return survey(exe, names, write_passing)
    version = subprocess.run(
        ["python3", "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if version != "(3, 11)":
        print("bless.py: python3 is %s, the goldens are CPython 3.11's" % version, file=sys.stderr)
        return 2
    every = programs()
    if names:
        names = [n[:-3] if n.endswith(".py") else n for n in names]
        unknown = [n for n in names if n not in every]
        if unknown:
            print("bless.py: no such program: %s" % ", ".join(unknown), file=sys.stderr)
            return 2
    else:
        names = every
    bad = 0
    written = 0
    for name in names:
        try:
            first, elapsed = run(name, 1)
            second, _ = run(name, 2)
        except subprocess.TimeoutExpired:
            print("%s: runs longer than %gs" % (name, TIMEOUT), file=sys.stderr)
            bad += 1
            continue
        if first != second:
            print("%s: the output depends on PYTHONHASHSEED; not blessed" % name, file=sys.stderr)
            bad += 1
            continue
        if "Warning: " in first:
            print("%s: prints a warning; not blessed (CPython's warnings are not part of "
                  "the subset)" % name, file=sys.stderr)
            bad += 1
            continue
        if elapsed > SLOW:
            print("%s: slow (%.2fs); keep programs under a second" % (name, elapsed), file=sys.stderr)
        golden = os.path.join(HERE, name + ".out")
        old = None
        if os.path.exists(golden):
            with open(golden, encoding="utf-8") as f:
                old = f.read()
        if old == first:
            continue
        if check:
            bad += 1
            print("%s: the golden differs from python3:" % name)
            sys.stdout.writelines(
                difflib.unified_diff(
                    (old or "").splitlines(True), first.splitlines(True), "golden", "python3"
                )
            )
        else:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(first)
            written += 1
    if not check:
        print("bless.py: %d programs, %d goldens written" % (len(names), written), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
