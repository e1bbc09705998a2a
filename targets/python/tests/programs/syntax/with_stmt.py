# with statements: __enter__/__exit__, multiple managers, exceptions suppressed or not.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

with CM("a") as v:
    print("body", v)
with CM("b") as x, CM("c") as y:
    print("body", x, y)
with CM("d", suppress=True):
    raise ValueError("swallowed")
print("after d")
try:
    with CM("e"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
def early():
    with CM("f"):
        return "returned"
print(early())
for i in range(3):
    with CM("g%d" % i):
        if i == 1:
            continue
        if i == 2:
            break
        print("loop body", i)
