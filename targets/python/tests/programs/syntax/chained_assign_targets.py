# Chained assignment to attributes and subscripts happens left to right.
class O:
    pass
o = O()
l = [0, 0, 0]
d = {}
o.a = l[0] = d["k"] = x = 7
print(o.a, l, d, x)
i = 0
l2 = [10, 20, 30]
i, l2[i] = 1, 99
print(i, l2)
a = b = []
a.append(1)
print(a, b, a is b)
t = u = (1, 2)
t += (3,)
print(t, u)
