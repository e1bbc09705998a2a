# bool is an int subclass: arithmetic, counting, indexing.
flags = [True, False, True, True]
print(sum(flags), flags.count(True), True * 3, False - 1, True / 2, True // 2, -True, True ** 10)
print(["no", "yes"][True], ["no", "yes"][5 > 9], int(True) + int(False), True << 4, True & 3, True | 2)
print(type(True + True).__name__, type(True & False).__name__, type(~True).__name__, ~True, ~False)
print(max(True, 0), min(False, -1), sorted([True, False, 2, -1]), abs(True), round(True))
print(hash(True), hash(False), True == 1.0, False == 0.0)
