# min and max: iterables, several arguments, key, default.
print(min(3, 1, 2), max(3, 1, 2), min([5, 2, 8]), max("hello"), min("b", "a", "c"), max([1, 5], [1, 6]))
print(min([], default="empty"), max((), default=0), min([3, -4], key=abs), max(["aa", "b", "ccc"], key=len))
print(max([(1, "b"), (1, "a")]), min(x * x for x in range(-3, 3)), max(range(10), key=lambda v: v % 7))
print(max(1, 2.5), min(-1, -1.0), max([True, 2]), max("abc", "abd", key=lambda s: s[-1]))
for bad in [lambda: min([]), lambda: max(), lambda: min(1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
