# Polymorphic dispatch over a list of objects of different classes.
class Expr:
    def __add__(self, o):
        return Add(self, o if isinstance(o, Expr) else Num(o))
    def __mul__(self, o):
        return Mul(self, o if isinstance(o, Expr) else Num(o))
class Num(Expr):
    def __init__(self, v):
        self.v = v
    def eval(self, env):
        return self.v
    def __str__(self):
        return str(self.v)
class Var(Expr):
    def __init__(self, n):
        self.n = n
    def eval(self, env):
        return env[self.n]
    def __str__(self):
        return self.n
class Add(Expr):
    def __init__(self, a, b):
        self.a, self.b = a, b
    def eval(self, env):
        return self.a.eval(env) + self.b.eval(env)
    def __str__(self):
        return "(%s + %s)" % (self.a, self.b)
class Mul(Add):
    def eval(self, env):
        return self.a.eval(env) * self.b.eval(env)
    def __str__(self):
        return "%s * %s" % (self.a, self.b)
x, y = Var("x"), Var("y")
e = (x + 3) * y + x * x
print(e, e.eval({"x": 2, "y": 5}), [e.eval({"x": i, "y": 1}) for i in range(5)])
print(isinstance(e, Add), type(e).__mro__[1].__name__)
