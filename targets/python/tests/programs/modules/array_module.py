# array: typed arrays of ints and doubles.
from array import array
a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
print(a, len(a), a[0], a[-1], a[1:3], sum(a), a.typecode, a.itemsize)
d = array("d", [0.5, 1.5])
d[0] = 2.25
print(d, d.tolist(), list(d), d * 2, d + array("d", [9.0]))
b = array("b", [1, -1])
try:
    b.append(200)
except OverflowError as e:
    print("OverflowError:", e)
try:
    a.append(1.5)
except TypeError as e:
    print("TypeError:", e)
l = array("l", range(5))
l.reverse()
print(l, l.index(3), l.count(0), l.pop(), l, array("B", b"ab"), array("u", "hi") if False else "")
z = array("d", [0.0]) * 4
for i in range(4):
    z[i] = i / 4
print(z, array("i"), array("q", [2 ** 40]))
