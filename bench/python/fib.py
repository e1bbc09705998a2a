# Recursive fib: calls of a Python function, recursion deeper than any inlining.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fib(32))
