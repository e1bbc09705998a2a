# staticmethod: called on the class or an instance, no implicit first argument.
class M:
    @staticmethod
    def add(a, b):
        return a + b
    def use(self):
        return self.add(1, 2)
print(M.add(3, 4), M().add(5, 6), M().use(), type(M.__dict__["add"]).__name__)
sm = staticmethod(len)
class N:
    size = sm
print(N.size("abc"), N().size([1, 2]))
