# Methods closing over function locals; classes defined inside functions.
def make_class(greeting):
    class Greeter:
        def greet(self, name):
            return greeting + ", " + name
    return Greeter
A = make_class("Hello")
B = make_class("Bonjour")
print(A().greet("Ann"), B().greet("Bea"))
print(A is B, A.__name__)
def counter_class():
    count = 0
    class Counted:
        def __init__(self):
            nonlocal count
            count += 1
            self.n = count
    return Counted, lambda: count
Counted, how_many = counter_class()
objs = [Counted() for _ in range(4)]
print([o.n for o in objs], how_many())
