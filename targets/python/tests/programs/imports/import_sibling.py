# Importing a .py file beside the program: its top level runs once, its names are usable.
import _shapes
import _shapes as again
from _shapes import Circle, UNIT
print(again is _shapes, _shapes.__name__, UNIT)
c = Circle(2)
print(round(c.area(), 6), _shapes.created(), isinstance(c, _shapes.Circle))
print(type(_shapes).__name__, _shapes._created)
