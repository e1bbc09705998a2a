# Unpacking in for targets, nested, starred, dict items.
pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, name in pairs:
    print(num, name)
for i, (num, name) in enumerate(pairs, start=1):
    print(i, num, name)
for a, *b in [(1, 2, 3), (4,), (5, 6)]:
    print(a, b)
d = {"x": 10, "y": 20}
for k, v in d.items():
    print(k, "=", v)
for (a, b), c in [((1, 2), 3)]:
    print(a + b + c)
try:
    for a, b in [(1, 2, 3)]:
        pass
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
