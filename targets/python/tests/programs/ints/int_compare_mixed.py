# Comparisons between ints, floats and bools, including big values.
print(1 == 1.0, 1 < 1.5, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1, 2 ** 53 + 1 > 2.0 ** 53)
print(10 ** 400 > 1e308, -10 ** 400 < -1e308, 10 ** 400 < float("inf"))
print(True < 2, False == 0, 0 == -0, 0.0 == -0.0)
print(sorted([3, 1.5, True, -2, 2 ** 70, 0.0]))
print(max(1, 1.0), max(1.0, 1), min(0, False), min(False, 0))
