# Comprehensions with nested conditions, walrus and function calls.
data = [3, -1, 4, -1, 5, -9, 2, 6]
print([x for x in data if x > 0 if x % 2 == 0], [x if x > 0 else 0 for x in data])
print({x: x * x for x in data if x > 0}, sorted({abs(x) for x in data}))
print([y for x in data if (y := x * x) > 10])
print([[c for c in w if c not in "aeiou"] for w in ["apple", "sky"]])
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print([matrix[i][i] for i in range(3)], [row[::-1] for row in matrix], [sum(col) for col in zip(*matrix)])
print([(i, c) for i, c in enumerate("abcd") if i % 2 == 0])
print([f(x) for f in (abs, str, float) for x in (-1, 2)])
