# Functions taking and returning functions: compose, partial application, pipelines.
def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run
def partial(f, *bound):
    return lambda *rest: f(*bound, *rest)
def pipeline(x, *steps):
    for s in steps:
        x = s(x)
    return x
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(3), partial(max, 5)(1, 9), partial(pow, 2)(10))
print(pipeline("  Hello World  ", str.strip, str.lower, lambda s: s.split(), len))
counters = {}
def counted(f):
    def w(*a):
        counters[f.__name__] = counters.get(f.__name__, 0) + 1
        return f(*a)
    return w
@counted
def sq(x):
    return x * x
print([sq(i) for i in range(4)], counters)
