# return inside loops of a generator ends it; values after it are never produced.
def first_negative_run(xs):
    started = False
    for x in xs:
        if x < 0:
            started = True
            yield x
        elif started:
            return
print(list(first_negative_run([3, -1, -2, 4, -5])), list(first_negative_run([1, 2])))
def search(grid, target):
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == target:
                yield (r, c)
                return
    yield None
print(list(search([[1, 2], [3, 2]], 2)), list(search([[1]], 9)))
def limited(n):
    i = 0
    while True:
        if i >= n:
            return "done"
        yield i
        i += 1
g = limited(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
