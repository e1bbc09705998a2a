# tuple() from iterables.
print(tuple(), tuple([1, 2]), tuple("ab"), tuple(range(4)), tuple({"k": 1}), tuple(x for x in "xy"))
t = (1, 2)
print(tuple(t) is t, tuple(t) == t, type(tuple([1])).__name__)
