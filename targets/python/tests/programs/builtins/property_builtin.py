# property() called directly and as a decorator, read-only properties.
class Temp:
    def __init__(self):
        self._c = 0
    def get_f(self):
        return self._c * 9 / 5 + 32
    def set_f(self, f):
        self._c = (f - 32) * 5 / 9
    f = property(get_f, set_f, None, "Fahrenheit")
    @property
    def c(self):
        return self._c
t = Temp()
t.f = 212
print(t.c, t.f, Temp.f.__doc__)
try:
    t.c = 5
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(Temp.c, property), Temp.c.fget(t))
