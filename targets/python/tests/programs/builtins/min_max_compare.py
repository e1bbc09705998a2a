# min and max compare each item with the best so far as CPython does (item > best, item < best).
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print("lt", self.v, o.v)
        return self.v < o.v
    def __gt__(self, o):
        print("gt", self.v, o.v)
        return self.v > o.v
print(max(V(1), V(3), V(2)).v, min(V(2), V(1), V(3)).v)
for f in (max, min):
    for args in [([[1]], 5), (5, [1]), ("a", 1.5)]:
        try:
            f(*args)
        except TypeError as e:
            print(f.__name__, "TypeError:", e)
print(max([3, 1, 3.0], key=lambda x: -x), min("bca"), max([1, 3, 2], default=0), max([], default="none"))
