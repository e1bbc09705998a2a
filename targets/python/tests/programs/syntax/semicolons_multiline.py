# Semicolons, backslash continuations, implicit continuation in brackets.
a = 1; b = 2; c = a + b; print(c)
total = 1 + \
        2 + \
        3
print(total)
items = [
    1,
    2,
    3,
]
print(items)
d = {
    "x": 1,
    "y": 2,
}
print(d)
def f(
    a,
    b=2,
):
    return a + b
print(f(
    1,
))
if (a == 1 and
        b == 2):
    print("multi-line condition")
