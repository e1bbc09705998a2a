# Rich comparison methods, NotImplemented fallback, sorting custom objects.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, o):
        if not isinstance(o, Money):
            return NotImplemented
        return self.cents == o.cents
    def __lt__(self, o):
        return self.cents < o.cents
    def __le__(self, o):
        return self.cents <= o.cents
    def __hash__(self):
        return hash(self.cents)
    def __repr__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
a, b, c = Money(150), Money(99), Money(150)
print(a == c, a != c, a == b, a < b, b < a, a <= c, a > b, a >= c)
print(a == 150, a != "x")
print(sorted([a, b, Money(5), c]), max(a, b), min([a, b, c]))
print(len({a, b, c}))
class Rev:
    def __init__(self, v):
        self.v = v
    def __gt__(self, o):
        print("Rev.__gt__ called")
        return self.v > o
print(3 < Rev(5))
try:
    Money(1) < 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    object() < object()
except TypeError as e:
    print("TypeError:", e)
