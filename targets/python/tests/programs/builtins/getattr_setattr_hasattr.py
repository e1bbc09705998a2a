# getattr, setattr, hasattr, delattr on instances, classes and modules.
import math
class C:
    cls_attr = "class"
    def m(self):
        return "method"
c = C()
setattr(c, "inst", 5)
print(getattr(c, "inst"), getattr(c, "cls_attr"), getattr(c, "m")(), getattr(C, "cls_attr"), getattr(math, "pi"))
print(hasattr(c, "inst"), hasattr(c, "nope"), hasattr(C, "m"), hasattr(math, "sqrt"), hasattr(1, "real"))
print(getattr(c, "nope", None), getattr(c, "x" * 3, "default"))
setattr(C, "added", 42)
print(c.added)
delattr(c, "inst")
print(hasattr(c, "inst"))
for name in ["inst", 5]:
    try:
        getattr(c, name)
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
