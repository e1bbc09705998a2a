# Binary operator dispatch: NotImplemented, reflected methods, subclass priority.
class A:
    def __add__(self, o):
        return "A.__add__"
    def __radd__(self, o):
        return "A.__radd__"
class B(A):
    def __radd__(self, o):
        return "B.__radd__"
class N:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
print(A() + A(), A() + B(), 1 + A(), A() + 1)
try:
    N() + N()
except TypeError as e:
    print("TypeError:", e)
class Num:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == (o.v if isinstance(o, Num) else o)
    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, Num) else o)
    def __hash__(self):
        return hash(self.v)
print(Num(1) == 1, 1 == Num(1), Num(1) < 2, 2 > Num(1))
try:
    2 < Num(3)
except TypeError as e:
    print("TypeError:", e)
