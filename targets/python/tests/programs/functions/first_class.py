# Functions as values: passed, returned, stored, attributes.
def square(x):
    return x * x
def apply(f, xs):
    return [f(x) for x in xs]
print(apply(square, range(5)))
ops = {"sq": square, "neg": lambda x: -x, "abs": abs}
for name in ["sq", "neg", "abs"]:
    print(name, ops[name](-3))
def make_op(kind):
    def plus(a, b): return a + b
    def times(a, b): return a * b
    return plus if kind == "+" else times
print(make_op("+")(3, 4), make_op("*")(3, 4))
square.calls = 0
square.calls += 1
print(square.calls, square.__name__)
fs = [square, len, str.upper]
print([f("ab") if f is not square else f(3) for f in fs])
print(callable(square), callable(3), callable(len), callable(int))
