# sorted on many iterables, with key and reverse.
print(sorted([3, 1, 2]), sorted("cba"), sorted((2, 1)), sorted({3: "a", 1: "b"}), sorted(range(5), reverse=True), sorted([], key=len))
print(sorted(["bb", "a", "ccc"], key=len), sorted([-3, 2, -1], key=abs, reverse=True), sorted({"b": 2, "a": 1}.items()))
print(sorted([(1, "b"), (1, "a"), (0, "z")]), sorted([1.5, 1, True, 0]))
l = [3, 2, 1]
print(sorted(l), l)
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
