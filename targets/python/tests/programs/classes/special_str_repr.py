# __str__ and __repr__, and where each is used.
class Both:
    def __str__(self):
        return "str-form"
    def __repr__(self):
        return "repr-form"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
b = Both()
print(b, str(b), repr(b), [b], (b,), {"k": b})
print("%s %r" % (b, b), f"{b} {b!r} {b!s}", "{} {!r}".format(b, b))
o = OnlyRepr()
print(o, str(o), [o])
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return "$" + format(self.v, spec or ".2f")
print(f"{Money(3.14159)}", f"{Money(2):.1f}", format(Money(1)))
