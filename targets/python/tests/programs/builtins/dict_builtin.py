# dict() constructor forms.
print(dict(), dict(a=1, b=2), dict([("a", 1), ("b", 2)]), dict({"x": 1}, y=2), dict(zip(range(3), "abc")), dict([(1, 2)], **{"k": 3}))
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
try:
    dict(1)
except TypeError as e:
    print("TypeError:", e)
