# Augmented assignment on names, attributes, subscripts, and in-place on lists.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 7; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xff; print(x)
x |= 0x100; print(x)
x ^= 0x0f; print(x)
f = 7.0
f /= 2; print(f)
s = "ab"
s *= 3; print(s)
l = [1]
alias = l
l += [2, 3]
print(l, alias, l is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
class C: pass
c = C()
c.v = 1
c.v += 41
print(c.v)
d = {"a": [1]}
d["a"] += [2]
d["a"][0] -= 10
print(d)
