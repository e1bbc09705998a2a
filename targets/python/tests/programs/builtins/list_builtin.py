# list() from iterables.
print(list(), list("abc"), list((1, 2)), list(range(3)), list({"a": 1, "b": 2}), list({"a": 1}.items()), list(x * 2 for x in range(3)), list(map(abs, [-1, -2])), list(b"AB"))
l = [1, 2]
print(list(l) is l, list(l) == l)
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
