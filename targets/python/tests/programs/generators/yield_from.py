# yield from: delegation and the return value of the subgenerator.
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from [10, 20]
    yield from range(3)
    yield from "ab"
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
def echo():
    while True:
        v = yield
        print("echo", v)
def deleg():
    yield from echo()
g = deleg()
next(g)
g.send("a")
g.send("b")
