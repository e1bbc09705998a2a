# Hand-written versions of itertools functions as generators.
def my_chain(*its):
    for it in its:
        yield from it
def my_zip(*its):
    iters = [iter(i) for i in its]
    while True:
        out = []
        for it in iters:
            try:
                out.append(next(it))
            except StopIteration:
                return
        yield tuple(out)
def my_islice(it, n):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def my_cycle(xs):
    saved = list(xs)
    while saved:
        yield from saved
def my_groupby(xs):
    it = iter(xs)
    try:
        cur = next(it)
    except StopIteration:
        return
    group = [cur]
    for x in it:
        if x == cur:
            group.append(x)
        else:
            yield cur, group
            cur, group = x, [x]
    yield cur, group
print(list(my_chain("ab", [1], range(2))), list(my_zip("abc", range(5))), list(my_islice(my_cycle("xy"), 5)))
print(list(my_groupby("aabccca")), list(my_groupby("")))
