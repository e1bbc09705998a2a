# An assert without a message.
def check(xs):
    assert len(xs) > 2
check([1, 2, 3])
print("first check passed")
check([1])
