# __call__, __hash__/__eq__ for dict keys, __bool__.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
add5 = Adder(5)
print(add5(10), callable(add5), list(map(add5, [1, 2])))
class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, o):
        return (self.a, self.b) == (o.a, o.b)
    def __hash__(self):
        return hash((self.a, self.b))
d = {Key(1, 2): "one-two"}
print(d[Key(1, 2)], Key(1, 2) in d, Key(2, 1) in d)
class NoHash:
    def __eq__(self, o):
        return True
try:
    {NoHash(): 1}
except TypeError as e:
    print("TypeError:", e)
class Empty:
    def __bool__(self):
        return False
class Sized:
    def __len__(self):
        return 0
print(bool(Empty()), bool(Sized()), bool(object()), "yes" if Empty() else "no")
