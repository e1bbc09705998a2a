# Keyword arguments, keyword-only and positional-only parameters.
def f(a, b, c):
    return "a=%r b=%r c=%r" % (a, b, c)
print(f(1, 2, 3))
print(f(c=3, a=1, b=2))
print(f(1, c=3, b=2))
def kwonly(a, *, key, flag=False):
    return a, key, flag
print(kwonly(1, key="k"), kwonly(2, flag=True, key=0))
def posonly(a, b, /, c):
    return a + b + c
print(posonly(1, 2, 3), posonly(1, 2, c=3))
def mixed(a, /, b, *, c):
    return [a, b, c]
print(mixed(1, 2, c=3), mixed(1, b=2, c=3))
for call in (lambda: f(1, 2), lambda: f(1, 2, 3, 4), lambda: f(1, 2, a=3),
             lambda: f(1, 2, d=4), lambda: kwonly(1, 2), lambda: posonly(1, b=2, c=3)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
