# Classes: __init__, instance and class attributes, methods, repr.
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
p = Point(3, 4)
print(p, p.norm2(), p.moved(1, 1), Point.dims, p.dims)
p.dims = 3
print(p.dims, Point.dims)
Point.dims = 5
q = Point(0, 0)
print(q.dims, p.dims)
print(type(p).__name__, isinstance(p, Point), type(p) is Point)
m = p.norm2
print(m(), Point.norm2(p))
p.z = 9
print(sorted(vars(p).items()))
