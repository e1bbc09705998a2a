# A TypeError from a call with the wrong arguments, inside a method.
class Greeter:
    def greet(self, name):
        return "hi " + name
g = Greeter()
print(g.greet("ann"))
print(g.greet("bob", "extra"))
