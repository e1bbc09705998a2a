def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return a + b + c + d + e

def g(*args, **kwargs):
    return f(*args, 1, x=2, **kwargs)

f(1, d=4)
g(1, 2, *[3], k=1, **{"m": 2})
o.method(1, key=2)
o.method(*xs)
square = lambda x, y=1: x * y
