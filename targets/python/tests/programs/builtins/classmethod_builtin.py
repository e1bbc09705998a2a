# classmethod: receives the class, also through subclasses and instances.
class Shape:
    count = 0
    @classmethod
    def create(cls, *args):
        cls.count += 1
        return cls(*args)
    @classmethod
    def name(cls):
        return cls.__name__
class Sq(Shape):
    def __init__(self, s=1):
        self.s = s
s = Sq.create(4)
print(type(s).__name__, s.s, Sq.count, Shape.count, Sq.name(), s.name(), Shape.name())
print(type(Shape.__dict__["create"]).__name__)
