# zip: shortest iterable wins, unzip with zip(*...), strict.
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip(range(3), range(10, 13), "xyz")))
pairs = [(1, "a"), (2, "b"), (3, "c")]
nums, letters = zip(*pairs)
print(nums, letters, dict(zip(letters, nums)))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
z = zip(iter([1, 2, 3]), iter("ab"))
print(next(z), list(z))
