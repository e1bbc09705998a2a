# list operators, equality, comparison, nesting, aliasing.
a = [1, 2, 3]
b = a
c = a[:]
a.append(4)
print(a, b, c, a is b, a == c, a + c, c * 2, [0] * 3, [[0] * 2] * 2)
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
alias = [[0] * 3] * 2
alias[0][1] = 5
print(grid, alias)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [1, [2, 3]] == [1, [2, 3]])
print(len([]), len([[]]), [1, 2, 3][-1], list(range(3)), list("ab"), list((1, 2)), list({"k": 1}))
a[1:3] = ["x", "y", "z"]
print(a)
a[::2] = [None] * len(a[::2])
print(a)
print(sum([[1], [2, 3]], []), [x for x in [3, 1, 2] if x > 1], sorted([3, 1, 2]), list(reversed([1, 2, 3])))
