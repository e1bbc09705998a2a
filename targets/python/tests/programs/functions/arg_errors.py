# The TypeErrors of wrong calls name the function and the problem.
def two(a, b):
    return a + b
def kw(*, k):
    return k
def defaults(a, b=1):
    return a, b
calls = [
    lambda: two(1),
    lambda: two(1, 2, 3),
    lambda: two(1, b=2, a=3),
    lambda: two(c=1),
    lambda: kw(1),
    lambda: kw(),
    lambda: defaults(),
    lambda: defaults(1, 2, 3),
    lambda: len(),
    lambda: len(1, 2),
    lambda: "x".upper(1),
    lambda: int("1", base=2, extra=3),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)
