# *args and **kwargs in definitions and calls.
def f(*args, **kwargs):
    return args, kwargs
print(f())
print(f(1, 2))
print(f(a=1, b=2))
print(f(1, *[2, 3], *(4,), x=5, **{"y": 6}, z=7))
def g(a, b, *rest, c=0, **kw):
    return a, b, rest, c, kw
print(g(1, 2))
print(g(1, 2, 3, 4, c=5, d=6))
print(g(*range(5)))
args = (10, 20)
kwargs = {"c": 30, "e": 40}
print(g(*args, **kwargs))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1), total(*range(101)))
try:
    f(**{"a": 1}, a=2)
except TypeError as e:
    print("TypeError:", e)
try:
    g(1, 2, **{"c": 1}, c=2)
except TypeError as e:
    print("TypeError:", e)
