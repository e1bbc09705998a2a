# Function introspection attributes that matter to programs.
def f(a, b=1, *args, c, d=2, **kw):
    "doc"
    pass
print(f.__name__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__qualname__)
class C:
    def m(self):
        pass
    class Inner:
        def n(self):
            pass
print(C.m.__qualname__, C.Inner.n.__qualname__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
print(f.__module__)
g = lambda: 0
print(g.__name__)
