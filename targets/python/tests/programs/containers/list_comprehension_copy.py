# Copies: shallow copy vs nested references; list() and slicing copy the outer list only.
a = [[1, 2], [3, 4]]
b = a[:]
c = list(a)
d = [row[:] for row in a]
a[0].append(99)
a.append([5])
print(a, b, c, d)
print(a[0] is b[0], a[0] is d[0], a is b)
import copy
e = copy.deepcopy(a)
f = copy.copy(a)
a[1][0] = -3
print(e, f, e[0] is a[0], f[0] is a[0])
