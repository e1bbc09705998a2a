# Mixed int and float arithmetic and comparisons; big ints with floats.
print(1 + 2.0, 2 ** 62 + 0.5, 10 ** 20 * 1.0, 3 // 2.0, 3 % 2.0, -3 // 2.0)
print(2 ** 63 == 9.223372036854776e18, int(9.223372036854776e18) == 2 ** 63)
print(0.1 + 1, 1e3 == 1000, 1000 == 1e3)
print(hash(2.0) == hash(2), {2: "a", 2.0: "b"}, 1.0 in [1, 2], [1, 2].index(2.0))
print(max(2, 2.5), min(2, 1.5), sum([1, 2.5, 3]), abs(-2) * 1.5)
