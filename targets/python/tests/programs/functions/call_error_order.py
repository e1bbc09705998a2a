# CPython's messages for bad calls, and their order: keyword errors before too many
# positional arguments, whose message counts the keyword-only arguments given.
def f(a, b, c=1, *, d, e=2):
    pass


def g(x, /, y):
    pass


def h(p):
    pass


class C:
    def __init__(self):
        return 3


class D:
    pass


tests = [
    lambda: f(),
    lambda: f(1),
    lambda: f(1, 2),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=1, a=3),
    lambda: f(1, 2, d=1, z=1),
    lambda: g(x=1, y=2),
    lambda: C(),
    lambda: D(1),
    lambda: f(1, 2, 3, 4, 5, d=1),
    lambda: f(1, 2, 3, 4, d=1, e=2),
    lambda: f(1, 2, 3, 4, z=1),
    lambda: f(1, 2, 3, 4, a=1),
    lambda: h(1, 2),
    lambda: h(1, 2, p=3),
    lambda: (lambda: 0)(1),
    lambda: (lambda p, q, r: 0)(),
    lambda: (lambda *, k, l: 0)(),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
