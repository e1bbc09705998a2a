# Attribute lookup order: instance dict, then the class and its bases in MRO order.
class A:
    x = "A.x"
    def f(self):
        return "A.f"
class B(A):
    def f(self):
        return "B.f"
class C(A):
    x = "C.x"
class D(B, C):
    pass
d = D()
print(d.x, d.f())
d.x = "instance"
print(d.x, D.x)
del d.x
print(d.x)
D.f = lambda self: "patched"
print(d.f(), B().f())
print(d.__class__.__name__, d.__class__.__mro__[-1].__name__)
