# Context managers see exceptions; suppressing some and not others.
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        if t is not None and issubclass(t, self.types):
            print("suppressed", t.__name__, v)
            return True
        return False
with Suppress(KeyError):
    {}["a"]
with Suppress(KeyError, IndexError):
    [][0]
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError escaped")
class Log:
    def __enter__(self):
        print("enter")
    def __exit__(self, *a):
        print("exit with", a[0].__name__ if a[0] else None)
def f():
    with Log():
        with Log():
            raise TypeError("t")
try:
    f()
except TypeError as e:
    print("TypeError:", e)
