# Conditional expressions, and/or returning operands, not.
for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
print(0 or "default", "" or None or [], 3 or 4)
print(1 and 2, 0 and 1/0, [] and "x", "a" and "b" and "c")
print(not 0, not 1, not [], not "x", not None)
x = None
y = x if x is not None else "fallback"
print(y)
def side(tag, val):
    print("eval", tag)
    return val
r = side("a", 0) or side("b", 0) or side("c", 5) or side("d", 6)
print(r)
r = side("a", 1) and side("b", 2) and side("c", 0) and side("d", 3)
print(r)
print((lambda: 1)() if True else 1 / 0)
