# from module import names, and a helper module's functions used as values.
from _shapes import Circle, created
from _counter import bump
print([bump() for _ in range(3)], created())
circles = [Circle(r) for r in (1, 2, 3)]
print([round(c.area(), 3) for c in circles], created())
print(Circle.__name__, Circle.__module__)
