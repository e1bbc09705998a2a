"""Module docstring."""
def f():
    """Function docstring."""
    return 1
class C:
    """Class docstring."""
    def m(self):
        "method doc"
print(__doc__)
print(f.__doc__)
print(C.__doc__)
print(C.m.__doc__)
def g():
    pass
print(g.__doc__)
print(f.__name__, C.__name__, C.m.__name__)
