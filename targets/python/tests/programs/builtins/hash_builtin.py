# hash(): equal values hash equal; unhashable types; deterministic int hashes.
print(hash(1), hash(-1), hash(0), hash(2 ** 61 - 1), hash(2 ** 61), hash(-2), hash(True), hash(1.0), hash(0.5), hash(-0.0))
print(hash((1, 2)) == hash((1, 2)), hash("abc") == hash("abc"), hash(frozenset([1])) == hash(frozenset([1])), hash(None) == hash(None))
print(hash(10 ** 30) == hash(10 ** 30 + 0), hash(1.5) == hash(3 / 2), hash(2) == hash(2.0))
class H:
    def __hash__(self):
        return 42
print(hash(H()))
for v in [[], {}, set(), bytearray()]:
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
