# List comprehensions with conditions, nesting, and their own scope.
print([x * 2 for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([c.upper() for c in "hello" if c != "l"])
x = "outer"
print([x for x in range(3)], x)
print([a + b for a, b in zip("abc", "xyz")])
print([y if y > 2 else -y for y in range(5)])
print([n for row in matrix for n in row])
