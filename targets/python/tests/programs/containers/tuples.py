# Tuples: packing, immutability, methods, hashing, comparison.
t = 1, 2, 3
e = ()
one = (1,)
print(t, e, one, type(one).__name__, len(t), t[1], t[-1], t[1:], t + (4,), t * 2)
print(t.count(2), t.index(3), 2 in t, (1, 2) < (1, 3), (1, 2, 3) == (1, 2, 3), tuple([1, 2]), tuple("ab"))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
d = {(1, 2): "pair", (): "empty"}
print(d[(1, 2)], d[()], hash((1, 2)) == hash((1, 2)))
nested = ((1, 2), [3, 4])
nested[1].append(5)
print(nested)
try:
    hash(nested)
except TypeError as e:
    print("TypeError:", e)
a, b = b, a = 1, 2
print(a, b)
print(tuple(x * x for x in range(4)), max((1, "b"), (1, "a")), sorted([(2, "b"), (1, "z"), (2, "a")]))
