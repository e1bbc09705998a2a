# A helper module imported by programs of this directory.
import math

print("_shapes imported as", __name__)

UNIT = 1.0
_created = 0


class Circle:
    def __init__(self, r):
        global _created
        _created += 1
        self.r = r

    def area(self):
        return math.pi * self.r ** 2


def created():
    return _created


def fail():
    return {}["key"]
