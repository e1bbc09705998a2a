# An uncaught RecursionError: CPython folds the repeated frames into one line.
import sys
sys.setrecursionlimit(60)
def down(n):
    return down(n + 1) + 1
print("recursing")
down(0)
