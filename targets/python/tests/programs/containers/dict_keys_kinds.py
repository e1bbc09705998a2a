# Keys of many hashable kinds; int/float/bool key equality.
d = {}
d[1] = "int"
d[1.0] = "float overwrites int"
d[True] = "bool overwrites too"
d[(1, "a")] = "tuple"
d[frozenset([1, 2])] = "frozenset"
d[None] = "none"
d["1"] = "string"
d[2 ** 80] = "big"
d[-0.0] = "zero"
print(len(d), d[1], d[(1, "a")], d[frozenset([2, 1])], d[None], d["1"], d[2 ** 80], d[0])
print(list(d.values()))
try:
    d[[1]] = 0
except TypeError as e:
    print("TypeError:", e)
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
