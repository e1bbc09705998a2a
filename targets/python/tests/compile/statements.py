import os.path
import collections.abc as cabc
from math import sqrt as root, pi
from itertools import *
assert x > 0, "x must be positive"
del a[1], b.c, d
a, *rest, b = values
[p, q] = q, p
x.y += 1
x[i] += 2
n **= 2
s = xs[1:2] + xs[::2] + xs[a:b:c] + xs[1:2, 3]
t = 1 < y <= 3 != z
u = a if b else c
v = x is not None and y not in z or not w
w = f"{x!r:>{width}.{prec}} and {y:%d} {z!s} {{literal}}"
m = "%s is %d" % (name, n)
while a:
    a -= 1
else:
    done = True
for i in range(3):
    pass
else:
    done = False
if (k := len(xs)) > 3:
    print(k)
big = 123456789012345678901234567890
neg = -9223372036854775808
consts = (1, 2.5, -3, "s", b"b\x00", None, True, ...)
for c in ["a", "b"]:
    found = c in [1, 2.5, "x"] or c not in [y]
