# Class decorators that register and modify classes.
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join("%s=%r" % (k, v) for k, v in vars(self).items())
        return "%s(%s)" % (type(self).__name__, fields)
    cls.__repr__ = __repr__
    return cls
@register
@add_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
@register
class Other:
    pass
print(Point(1, 2), sorted(registry), registry["Point"] is Point)
