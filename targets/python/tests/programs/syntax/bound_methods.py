# Bound methods carry their instance; methods taken from the class need one passed.
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self.n
c = Counter()
m = c.inc
print(m(), m(5), c.n, m.__self__ is c, m.__func__ is Counter.inc, m.__name__)
unbound = Counter.inc
print(unbound(c), unbound(c, 10))
d = Counter()
print(c.inc == c.inc, c.inc == d.inc, callable(m))
calls = [c.inc, d.inc, c.inc]
print([f() for f in calls], c.n, d.n)
print(list(map(Counter().inc, [1, 2, 3])))
f = "hello".upper
print(f(), [].append.__name__, (1).__add__(2))
