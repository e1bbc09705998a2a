# Assignment forms: chained, tuple, nested, starred, augmented.
a = b = c = 7
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (3, 4), 5
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
h, *mid, t = range(6)
print(h, mid, t)
h, *mid, t = (1, 2)
print(h, mid, t)
[m, n] = [8, 9]
print(m, n)
lst = [0, 0, 0]
lst[0], lst[2] = 5, 6
print(lst)
d = {}
d["k"] = d["j"] = 1
print(d)
