# id(): stable for one object, distinct for live objects (the values are not printed).
a = [1]
b = [1]
c = a
print(id(a) == id(c), id(a) != id(b), id(a) == id(a), type(id(a)).__name__, id(None) == id(None))
objs = [object() for _ in range(10)]
print(len(set(id(o) for o in objs)))
print(id(a) is not None, isinstance(id(a), int))
