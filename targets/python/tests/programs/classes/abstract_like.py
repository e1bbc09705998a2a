# Abstract-style base classes with NotImplementedError, template methods.
class Shape:
    def area(self):
        raise NotImplementedError("%s must define area" % type(self).__name__)
    def describe(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
class Tri(Shape):
    def __init__(self, b, h):
        self.b, self.h = b, h
    def area(self):
        return self.b * self.h / 2
class Blob(Shape):
    pass
for s in [Sq(3), Tri(3, 5)]:
    print(s.describe())
try:
    Blob().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
shapes = sorted([Sq(2), Tri(10, 1), Sq(1)], key=lambda s: s.area())
print([type(s).__name__ for s in shapes])
