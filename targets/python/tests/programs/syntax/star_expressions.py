# Star and double-star unpacking in calls, list/tuple/set/dict displays.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 5), {*a, *b} == {1, 2, 3, 4}, [*"hi", *range(2)])
d1 = {"x": 1}
d2 = {"y": 2, "x": 9}
print({**d1, **d2}, {**d2, **d1}, {"z": 0, **d1})
print(*a, *b, sep=",")
def f(*args, **kw):
    return args, kw
print(f(*a, 0, *b, **d1, k=5))
first, *_ = "abc"
print(first, _)
x = *a, *b
print(x)
