# Default equality is identity; is vs ==; default hash works for instances.
class Thing:
    pass
a = Thing()
b = Thing()
c = a
print(a == b, a == c, a is c, a is not b, a != b)
s = {a, b, c}
print(len(s))
d = {a: "a", b: "b"}
print(d[c], d[b])
print([1, 2] == [1, 2], [1, 2] is [1, 2])
x = None
print(x is None, x == None)
print(type(a) == type(b), type(a) is Thing)
