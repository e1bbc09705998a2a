# map with one and several iterables; laziness.
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(len, ["", "ab"])), list(map(int, "123")))
def noisy(x):
    print("map sees", x)
    return x * 10
m = map(noisy, [1, 2])
print("before consuming")
print(list(m), list(m))
print(sum(map(abs, [-1, -2, 3])), max(map(len, "a bb ccc".split())))
