# super() with and without arguments, in __init__ and in classmethods.
class A:
    def __init__(self):
        self.log = ["A"]
    def m(self):
        return "A.m"
    @classmethod
    def make(cls):
        return "A.make for " + cls.__name__
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append("B")
    def m(self):
        return "B.m>" + super().m()
    @classmethod
    def make(cls):
        return "B.make>" + super().make()
class C(B):
    def __init__(self):
        super(C, self).__init__()
        self.log.append("C")
    def m(self):
        return "C.m>" + super(B, self).m()
c = C()
print(c.log, c.m(), C.make(), B.make())
print(super(C, c).m())
