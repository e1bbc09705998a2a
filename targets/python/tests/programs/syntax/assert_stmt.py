# assert with and without a message.
assert True
assert 1 + 1 == 2, "math"
try:
    assert 1 > 2
except AssertionError as e:
    print("caught", repr(e), e.args)
try:
    assert [], "list was empty"
except AssertionError as e:
    print("caught", e)
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x * 2
print(check(3))
try:
    check(-1)
except AssertionError as e:
    print(e)
