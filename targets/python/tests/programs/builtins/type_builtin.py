# type() of values, type comparisons, and the names of types.
for v in [1, 1.0, "s", b"b", [], (), {}, set(), frozenset(), None, True, range(1), len, type, object(), ValueError()]:
    print(type(v).__name__, end=" ")
print()
class K: pass
k = K()
print(type(k) is K, type(K) is type, type(type) is type, type(1) == int, type(k).__name__, type(None).__name__)
print(type(1)("5") + 1, type("x")(42), type([])((1, 2)))
