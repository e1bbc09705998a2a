# vars() and dir() on simple objects (only checked membership and sorted instance names).
class C:
    cls_attr = 1
    def __init__(self):
        self.b = 2
        self.a = 1
c = C()
print(vars(c), sorted(vars(c)), "cls_attr" in dir(c), "a" in dir(c), "__init__" in dir(C))
def f():
    local_x = 1
    return sorted(vars())
print(f())
print("__name__" in dir(), "C" in dir())
