# The messages of common built-in errors.
nothing = None
five = 5
tests = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: [][1],
    lambda: (1, 2)[5],
    lambda: "abc"[10],
    lambda: {}["missing"],
    lambda: {1: 2}[3],
    lambda: int("abc"),
    lambda: int("12", 2),
    lambda: float("x.5"),
    lambda: None + 1,
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: [1] * "a",
    lambda: len(5),
    lambda: undefined_name,
    lambda: (1).foo,
    lambda: "x".nope(),
    lambda: nothing(),
    lambda: five(),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: [1, 2].index(9),
    lambda: "abc".index("z"),
    lambda: chr(-1),
    lambda: ord("ab"),
    lambda: hash([]),
    lambda: {[]: 1},
    lambda: set().pop(),
    lambda: (1, 2) < (1, "a"),
    lambda: sorted([1, "a"]),
    lambda: abs("x"),
    lambda: divmod(1, 0),
    lambda: 2 ** -1 % 0,
    lambda: [].remove(1),
    lambda: int(None),
    lambda: range(1, 2, 0),
    lambda: "%d" % "s",
    lambda: "{}{}".format(1),
    lambda: max([]),
    lambda: tuple(5),
    lambda: dict([1, 2]),
]
for t in tests:
    try:
        t()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
