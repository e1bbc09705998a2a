# __getattr__ as a fallback, getattr/setattr/hasattr/delattr with defaults.
class Proxy:
    def __init__(self, target):
        self.target = target
        self.misses = []
    def __getattr__(self, name):
        self.misses.append(name)
        return getattr(self.target, name)
p = Proxy([3, 1, 2])
p.append(0)
print(p.target, p.misses, p.count(1))
class Obj:
    pass
o = Obj()
setattr(o, "color", "red")
print(getattr(o, "color"), getattr(o, "size", "default"), hasattr(o, "color"), hasattr(o, "size"))
delattr(o, "color")
print(hasattr(o, "color"))
try:
    getattr(o, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    o.missing
except AttributeError as e:
    print("AttributeError:", e)
class Dyn:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:].upper()
        raise AttributeError(name)
print(Dyn().get_thing())
print(hasattr(Dyn(), "other"))
