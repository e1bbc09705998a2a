"""A small stand-in for the `pyperf` module, enough to run pyperformance's benchmark files
unmodified on an interpreter that cannot run the real pyperf (bench/python.sh puts this
directory first on PYTHONPATH).

What it keeps of pyperf: `Runner` with `metadata`, `argparser`, `parse_args`, `bench_func`
and `bench_time_func`, and `perf_counter`. What it leaves out: worker processes, calibration,
statistics, JSON output, `bench_command` and `bench_async_func`. A benchmark runs in this
process: WARMUPS + VALUES values of LOOPS calls each (all 1, 0 warm-ups by default; set them
with `--loops N`, `--values N`, `--warmups N` on the benchmark's command line).

On stdout it prints one line per benchmark, `NAME: ok`, followed for `bench_func` by the
repr of the benchmark function's last result when that repr is short and shows no address,
so that two interpreters' outputs can be compared; the times go to stderr. The module uses
only plain Python (classes, dicts, lists, `sys`, `time`), so that a young interpreter can
run it.
"""

import sys
import time

perf_counter = time.perf_counter

__version__ = "2.6.0"


class Namespace:
    """The result of `ArgumentParser.parse_args`: one attribute per argument."""

    def __repr__(self):
        items = ["%s=%r" % (k, v) for k, v in sorted(self.__dict__.items())]
        return "Namespace(%s)" % ", ".join(items)


class _Argument:
    def __init__(self, names, kwargs):
        self.names = names
        self.optional = names[0].startswith("-")
        dest = kwargs.get("dest")
        if dest is None:
            dest = names[0]
            for n in names:
                if n.startswith("--"):
                    dest = n
                    break
            dest = dest.lstrip("-").replace("-", "_")
        self.dest = dest
        self.type = kwargs.get("type")
        self.choices = kwargs.get("choices")
        self.nargs = kwargs.get("nargs")
        self.action = kwargs.get("action", "store")
        self.help = kwargs.get("help", "")
        self.metavar = kwargs.get("metavar")
        if self.action == "store_true":
            self.default = kwargs.get("default", False)
        elif self.action == "store_false":
            self.default = kwargs.get("default", True)
        else:
            self.default = kwargs.get("default")
        for key in kwargs:
            if key not in ("dest", "type", "choices", "nargs", "action", "help", "metavar",
                           "default"):
                raise TypeError("pyperf shim: add_argument(%s=...) is not supported" % key)
        if self.action not in ("store", "store_true", "store_false"):
            raise TypeError("pyperf shim: action=%r is not supported" % self.action)
        if self.nargs not in (None, "?"):
            raise TypeError("pyperf shim: nargs=%r is not supported" % self.nargs)

    def label(self):
        if self.optional:
            return self.names[0]
        return self.metavar or self.dest


class ArgumentParser:
    """The part of argparse.ArgumentParser the benchmark files use: `add_argument` with
    option names or one positional name, `type`, `default`, `choices`, `help`, `metavar`,
    `dest`, `nargs="?"` and the `store_true`/`store_false` actions; `parse_args`."""

    def __init__(self, prog=None, description=None):
        self.prog = prog
        self.description = description
        self.arguments = []

    def add_argument(self, *names, **kwargs):
        if not names:
            raise TypeError("pyperf shim: add_argument needs a name")
        arg = _Argument(list(names), kwargs)
        self.arguments.append(arg)
        return arg

    def _prog(self):
        if self.prog:
            return self.prog
        return sys.argv[0] if sys.argv else "benchmark"

    def print_help(self):
        print("usage: %s [options]" % self._prog())
        for arg in self.arguments:
            print("  %-24s %s" % (", ".join(arg.names), arg.help))

    def error(self, message):
        print("usage: %s [options] (-h for the list)" % self._prog(), file=sys.stderr)
        print("%s: error: %s" % (self._prog(), message), file=sys.stderr)
        sys.exit(2)

    def _convert(self, arg, text):
        value = text
        if arg.type is not None:
            try:
                value = arg.type(text)
            except (TypeError, ValueError):
                self.error("argument %s: invalid %s value: %r"
                           % (arg.label(), getattr(arg.type, "__name__", "typed"), text))
        if arg.choices is not None and value not in arg.choices:
            self.error("argument %s: invalid choice: %r (choose from %s)"
                       % (arg.label(), value, ", ".join(repr(c) for c in arg.choices)))
        return value

    def parse_args(self, args=None):
        if args is None:
            args = sys.argv[1:]
        ns = Namespace()
        options = {}
        positionals = []
        for arg in self.arguments:
            setattr(ns, arg.dest, arg.default)
            if arg.optional:
                for name in arg.names:
                    options[name] = arg
            else:
                positionals.append(arg)
        i = 0
        while i < len(args):
            token = args[i]
            i += 1
            if token in ("-h", "--help"):
                self.print_help()
                sys.exit(0)
            if token.startswith("-") and len(token) > 1 and not _is_number(token):
                name = token
                inline = None
                if token.startswith("--") and "=" in token:
                    name, inline = token.split("=", 1)
                arg = options.get(name)
                if arg is None:
                    self.error("unrecognized arguments: %s" % token)
                if arg.action == "store_true":
                    setattr(ns, arg.dest, True)
                elif arg.action == "store_false":
                    setattr(ns, arg.dest, False)
                else:
                    if inline is None:
                        if i >= len(args):
                            self.error("argument %s: expected one argument" % name)
                        inline = args[i]
                        i += 1
                    setattr(ns, arg.dest, self._convert(arg, inline))
            else:
                if not positionals:
                    self.error("unrecognized arguments: %s" % token)
                arg = positionals.pop(0)
                setattr(ns, arg.dest, self._convert(arg, token))
        for arg in positionals:
            if arg.nargs != "?":
                self.error("the following arguments are required: %s" % arg.label())
        return ns


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _describe(result):
    """The repr of a benchmark function's result when it is worth comparing."""
    text = repr(result)
    if " at 0x" in text:
        return "a %s" % type(result).__name__
    if len(text) > 200:
        checksum = 0
        for c in text:
            checksum = (checksum * 31 + ord(c)) % 1000000007
        return "a %s whose repr has %d characters, checksum %d" % (
            type(result).__name__, len(text), checksum)
    return text


class Runner:
    """Runs benchmarks in this process: WARMUPS + VALUES values of LOOPS calls."""

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None,
                 show_name=True, program_args=None, add_cmdline_args=None, _argparser=None,
                 warmups=None):
        self.metadata = dict(metadata or {})
        self.show_name = show_name
        self.add_cmdline_args = add_cmdline_args
        self.argparser = _argparser or ArgumentParser()
        self.argparser.add_argument("--loops", "-l", type=int, default=loops or 1,
                                    help="calls of the benchmark function per value")
        self.argparser.add_argument("--values", "-n", type=int, default=values or 1,
                                    help="values measured")
        self.argparser.add_argument("--warmups", "-w", type=int, default=warmups or 0,
                                    help="values run before measuring")
        self.argparser.add_argument("--processes", "-p", type=int, default=processes or 1,
                                    help="ignored: the shim runs in one process")
        self.argparser.add_argument("--quiet", "-q", action="store_true",
                                    help="print no times on stderr")
        self.args = None
        self.names = []

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
            for what in ("loops", "values"):
                if getattr(self.args, what) < 1:
                    self.argparser.error("--%s must be at least 1" % what)
            if self.args.warmups < 0:
                self.argparser.error("--warmups must not be negative")
        return self.args

    def _start(self, name):
        self.parse_args()
        if name in self.names:
            raise ValueError("duplicated benchmark name: %r" % name)
        self.names.append(name)

    def _report(self, name, times, inner_loops):
        loops = self.args.loops * (inner_loops or 1)
        if not self.args.quiet:
            mean = sum(times) / len(times)
            print("%s: %d values of %d loops: %.6g s per loop"
                  % (name, len(times), loops, mean / loops), file=sys.stderr)

    def bench_func(self, name, func, *args, **kwargs):
        inner_loops = kwargs.pop("inner_loops", None)
        kwargs.pop("metadata", None)
        if kwargs:
            raise TypeError("pyperf shim: bench_func(%s=...) is not supported" % list(kwargs)[0])
        self._start(name)
        times = []
        result = None
        for value in range(self.args.warmups + self.args.values):
            t0 = perf_counter()
            for _ in range(self.args.loops):
                result = func(*args)
            dt = perf_counter() - t0
            if value >= self.args.warmups:
                times.append(dt)
        self._report(name, times, inner_loops)
        print("%s: ok %s" % (name, _describe(result)))
        return None

    def bench_time_func(self, name, time_func, *args, **kwargs):
        inner_loops = kwargs.pop("inner_loops", None)
        kwargs.pop("metadata", None)
        if kwargs:
            raise TypeError("pyperf shim: bench_time_func(%s=...) is not supported"
                            % list(kwargs)[0])
        self._start(name)
        times = []
        for value in range(self.args.warmups + self.args.values):
            dt = time_func(self.args.loops, *args)
            if value >= self.args.warmups:
                times.append(dt)
        self._report(name, times, inner_loops)
        print("%s: ok" % name)
        return None

    def bench_command(self, name, command):
        raise NotImplementedError("pyperf shim: bench_command runs another process; "
                                  "bench/python.sh times whole processes itself")

    def bench_async_func(self, name, coro_func, *args, **kwargs):
        raise NotImplementedError("pyperf shim: async benchmarks are outside the subset")
