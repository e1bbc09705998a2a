# Arithmetic special methods, reflected and in-place forms.
class V:
    def __init__(self, *c):
        self.c = list(c)
    def __repr__(self):
        return "V(%s)" % ", ".join(map(str, self.c))
    def __add__(self, o):
        if isinstance(o, V):
            return V(*[a + b for a, b in zip(self.c, o.c)])
        return V(*[a + o for a in self.c])
    def __radd__(self, o):
        return V(*[o + a for a in self.c])
    def __sub__(self, o):
        return V(*[a - b for a, b in zip(self.c, o.c)])
    def __mul__(self, k):
        return V(*[a * k for a in self.c])
    __rmul__ = __mul__
    def __truediv__(self, k):
        return V(*[a / k for a in self.c])
    def __floordiv__(self, k):
        return V(*[a // k for a in self.c])
    def __mod__(self, k):
        return V(*[a % k for a in self.c])
    def __pow__(self, k):
        return V(*[a ** k for a in self.c])
    def __neg__(self):
        return V(*[-a for a in self.c])
    def __pos__(self):
        return self
    def __abs__(self):
        return sum(a * a for a in self.c) ** 0.5
    def __iadd__(self, o):
        self.c = [a + b for a, b in zip(self.c, o.c)]
        return self
    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.c, o.c))
a, b = V(1, 2, 3), V(4, 5, 6)
print(a + b, a - b, a * 2, 3 * a, a / 2, b // 2, b % 4, a ** 2, -a, +a, abs(V(3, 4)))
print(a + 10, 10 + a, a @ b)
alias = a
a += b
print(a, alias, a is alias)
print(sum([V(1, 1), V(2, 2)], V(0, 0)))
try:
    a & b
except TypeError as e:
    print("TypeError:", e)
