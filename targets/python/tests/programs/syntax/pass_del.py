# pass, del of names, items, slices and attributes.
def nothing():
    pass
print(nothing())
class Empty:
    pass
e = Empty()
e.a = 1
e.b = 2
del e.a
print(hasattr(e, "a"), e.b)
x = 5
del x
try:
    print(x)
except NameError as exc:
    print("NameError:", exc)
l = list(range(10))
del l[0]
print(l)
del l[2:5]
print(l)
del l[::2]
print(l)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as exc:
    print("KeyError", exc)
a, b = 1, 2
del a, b
print("a" in dir(), "b" in dir())
