# sys.argv as CPython gives it: the program's name, then its arguments.
import sys
print(len(sys.argv))
print(sys.argv[0].endswith("argv.py"))
print(sys.argv[1:])
total = sum(int(a) for a in sys.argv[1:] if a.isdigit())
print("sum of numeric args", total)
