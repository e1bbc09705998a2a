def comps(xs, ys):
    a = [x + y for x in xs for y in ys if x != y]
    b = {x: y for x, y in zip(xs, ys)}
    c = {x for x in xs}
    d = [(n := x) for x in xs]
    return a, b, c, d, n

class K:
    items = [1, 2]
    doubled = [i * 2 for i in items]
