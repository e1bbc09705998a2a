# while loops with compound conditions, nested breaks via flags, and counters.
a, b = 0, 100
steps = 0
while a < b and steps < 1000:
    a += 7
    b -= 3
    steps += 1
print(a, b, steps)
grid = [[1, 2, 3], [4, 99, 6], [7, 8, 9]]
found = None
i = 0
while i < len(grid) and found is None:
    j = 0
    while j < len(grid[i]):
        if grid[i][j] == 99:
            found = (i, j)
            break
        j += 1
    i += 1
print(found, i)
n, digits = 9876543210, []
while n:
    n, r = divmod(n, 10)
    digits.append(r)
print(digits[::-1])
x = 1.0
while not (x > 1000 or x != x):
    x *= 3.5
print(x)
