# repr() on built-in values and user classes.
print(repr(1), repr("s"), repr("it's"), repr(1.0), repr([1, "a", None]), repr((1,)), repr(()), repr({1: "x"}), repr(set()), repr({1}), repr(frozenset()), repr(b"b"), repr(range(1, 3)), repr(None), repr(True), repr(...), repr(NotImplemented))
class R:
    def __repr__(self):
        return "R<>"
print(repr(R()), repr([R(), R()]), repr({"k": R()}))
l = [1]
l.append(l)
print(repr(l))
d = {}
d["self"] = d
print(d)
print(repr(int), repr(len), repr(ValueError("x")), repr(KeyError("k")))
