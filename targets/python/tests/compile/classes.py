def deco(f):
    return f

@deco
class A(Base, Mixin, flag=True):
    """A class."""
    size = 3

    def __init__(self, x):
        super().__init__()
        self.x = x

    @staticmethod
    def make():
        return A(1)

    def method(self):
        return __class__
