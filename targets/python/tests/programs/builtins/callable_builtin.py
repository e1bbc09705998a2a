# callable() on functions, classes, instances with and without __call__.
class WithCall:
    def __call__(self):
        return 1
class Without:
    pass
def f():
    pass
print(callable(f), callable(lambda: 0), callable(len), callable(int), callable(WithCall), callable(WithCall()), callable(Without()), callable(1), callable("s"), callable(None), callable([].append), callable(Without.__init__))
