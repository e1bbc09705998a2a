# Subclasses of built-in types.
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), isinstance(ml, list), type(ml).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return "missing:" + key
md = MyDict(a=1)
print(md["a"], md["zz"], md.get("zz"))
class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hey")
print(u.shout(), u + "x", len(u))
class MyInt(int):
    def double(self):
        return MyInt(self * 2)
n = MyInt(21)
print(n.double(), n + 1, type(n + 1).__name__)
class Err(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise Err(7)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args)
