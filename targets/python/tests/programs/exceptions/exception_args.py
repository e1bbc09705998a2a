# Exception arguments, str and repr of exceptions.
for e in [ValueError(), ValueError("one"), ValueError("a", 2), KeyError("key"),
          KeyError(), IndexError(3), Exception(None), StopIteration(5), OSError(2, "No such file")]:
    print(type(e).__name__, repr(e), "|", str(e), "|", e.args)
try:
    raise ValueError
except ValueError as e:
    print("bare class raised:", repr(e))
class Custom(Exception):
    def __str__(self):
        return "custom str"
print(str(Custom(1, 2)), repr(Custom(1, 2)))
e = StopIteration(42)
print(e.value)
