# isinstance and issubclass, with tuples of classes.
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, C), isinstance(b, (C, A)), isinstance(b, object))
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance(1.0, (int, float)), isinstance("s", str), isinstance([], (tuple, list)), isinstance(None, type(None)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(bool, int), issubclass(int, object), issubclass(A, A))
try:
    issubclass(b, A)
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance(b, 3)
except TypeError as e:
    print("TypeError:", e)
