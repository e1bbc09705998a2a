# sys: argv, stdout.write, recursion limit, maxsize, version_info, modules.
import sys
print(type(sys.argv).__name__, sys.argv[0].endswith("sys_basics.py"), sys.argv[1:])
sys.stdout.write("write returns the count: ")
print(sys.stdout.write("xyz\n"))
print(sys.getrecursionlimit() >= 1000, sys.maxsize == 2 ** 63 - 1, sys.version_info[0], sys.version_info >= (3, 0))
old = sys.getrecursionlimit()
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
print("sys" in sys.modules, sys.byteorder, type(sys.path).__name__)
print(sys.stdout is not None, hasattr(sys.stderr, "write"))
