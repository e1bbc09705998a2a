# object(): the base of everything; default methods.
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object(), hasattr(o, "__init__"))
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
class Plain(object):
    pass
print(Plain.__bases__[0] is object, Plain.__mro__[-1] is object, str(Plain()).startswith("<__main__.Plain object"))
print(object.__name__, issubclass(type, object), isinstance(object, type))
