# property with getter, setter and deleter; computed attributes.
class Circle:
    def __init__(self, r):
        self.r = r
    @property
    def r(self):
        return self._r
    @r.setter
    def r(self, v):
        if v < 0:
            raise ValueError("radius must be >= 0")
        self._r = v
    @r.deleter
    def r(self):
        print("deleting r")
        del self._r
    @property
    def area(self):
        return round(3.14159 * self._r ** 2, 3)
c = Circle(2)
print(c.r, c.area)
c.r = 3
print(c.r, c.area)
try:
    c.r = -1
except ValueError as e:
    print("ValueError:", e)
try:
    c.area = 5
except AttributeError as e:
    print("AttributeError:", e)
del c.r
print(hasattr(c, "_r"))
class P:
    def get(self):
        return 42
    x = property(get)
print(P().x, type(P.x).__name__)
