# super() in several calling contexts.
class Base:
    def __init__(self, x):
        self.x = x
    def value(self):
        return self.x
    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.x)
class Double(Base):
    def __init__(self, x):
        super().__init__(x * 2)
    def value(self):
        return super().value() + 1
class Triple(Double):
    def value(self):
        return [super().value(), super(Double, self).value()]
print(Double(5), Double(5).value(), Triple(1), Triple(1).value())
class Named:
    def __init__(self, **kw):
        self.kw = kw
class Colored(Named):
    def __init__(self, color, **kw):
        super().__init__(**kw)
        self.color = color
c = Colored("red", size=3)
print(c.color, c.kw)
