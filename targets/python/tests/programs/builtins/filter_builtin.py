# filter with a function and with None.
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, "", "a", [], [0], None])), list(filter(str.isdigit, "a1b2c3")))
f = filter(lambda x: x > 2, iter([1, 3, 5]))
print(next(f), list(f))
print(sorted(filter(lambda w: len(w) > 2, {"ab": 1, "abc": 2, "abcd": 3})))
