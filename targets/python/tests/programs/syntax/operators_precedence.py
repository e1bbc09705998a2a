# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2, 2 ** -1, -3 // 2, -(3 // 2))
print(1 + 2 << 3, 1 | 2 ^ 3 & 4, ~5 + 1, not 1 == 2)
print(10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 % 4 * 2)
print(1 < 2 == True, (1 < 2) == True, 3 & 1 == 1)
print(True + True, True * 10, -True, ~True)
print(5 if 1 else 2 + 10, (5 if 0 else 2) + 10)
print(not 1 + 1, [1, 2] * 2 + [3], "ab" * 2 + "c")
x = 3
print(-x, +x, ~x, --x, -~x, ~-x)
