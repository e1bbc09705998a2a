# if / elif / else chains and truthiness of values.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in (-5, 0, 3, 10, 99):
    print(n, classify(n))

for v in (0, 1, "", "a", [], [0], {}, {1: 2}, None, 0.0, 0.5, (), (None,), set(), range(0), range(1)):
    if v:
        print(repr(v), "is true")
    else:
        print(repr(v), "is false")
