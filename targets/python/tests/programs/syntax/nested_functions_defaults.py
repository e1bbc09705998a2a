# Default values evaluated at definition time, in nested and looped definitions.
def outer():
    fs = []
    for i in range(3):
        def f(x, i=i, scale=i * 10):
            return x + i + scale
        fs.append(f)
    return fs
print([f(1) for f in outer()])
def maker(base):
    def add(x, extra=base * 2):
        return x + base + extra
    return add
print(maker(1)(0), maker(5)(1), maker(2)(0, 0))
def kw_defaults(*, a=[], b=None):
    a.append(1)
    return len(a), b
print(kw_defaults(), kw_defaults(), kw_defaults(a=[]), kw_defaults(b=2))
