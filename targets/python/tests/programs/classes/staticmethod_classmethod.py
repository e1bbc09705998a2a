# staticmethod, classmethod and alternative constructors.
class Temp:
    scale = "C"
    def __init__(self, deg):
        self.deg = deg
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @staticmethod
    def valid(d):
        return d > -273.15
    def __repr__(self):
        return "%s(%.1f%s)" % (type(self).__name__, self.deg, self.scale)
class Kelvinish(Temp):
    scale = "K?"
print(Temp.from_f(212), Kelvinish.from_f(32), Temp.valid(-300), Temp(1).valid(5))
t = Temp(20)
print(t.from_f(50))
class Counter:
    count = 0
    @classmethod
    def incr(cls):
        cls.count += 1
        return cls.count
Counter.incr(); Counter.incr()
print(Counter.count)
def plain(x):
    return x * 2
class H:
    s = staticmethod(plain)
    c = classmethod(lambda cls, x: (cls.__name__, x))
print(H.s(4), H().s(5), H.c(1), H().c(2))
