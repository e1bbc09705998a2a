# any and all: short-circuit, empty iterables.
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("a"), all(""), any([None, ""]), all([[1], (2,)]))
def noisy(v):
    print("checked", v)
    return v
print(any(noisy(x) for x in [0, 1, 2]))
print(all(noisy(x) for x in [1, 0, 2]))
print(all(x > 0 for x in range(1, 100)), any(x > 98 for x in range(100)))
