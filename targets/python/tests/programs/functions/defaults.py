# Default arguments: evaluated once, mutable default shared, None idiom.
def f(a, b=2, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(1, 5, 6))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2))
def append_safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(append_safe(1), append_safe(2))
n = 10
def g(x=n):
    return x
n = 20
print(g())
print(f.__defaults__)
