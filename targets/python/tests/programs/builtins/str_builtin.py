# str() on many kinds of values.
class A:
    pass
class B:
    def __str__(self):
        return "B-str"
print(str(), str(1), str(-1.5), str(True), str(None), str([1, "a"]), str((1,)), str({"a": [1]}), str(B()), str(b"x"), str(range(3)), str(1e100))
print(str(A()).startswith("<__main__.A object at "), str(str), str(int), str(A).endswith("A'>"))
print(str(b"caf\xc3\xa9", "utf-8"), str(bytearray(b"x"), "ascii"))
