# range with one, two and three arguments, negative steps, iteration.
for args in [(5,), (2, 6), (0, 10, 3), (10, 0, -3), (-3, 3), (5, 5), (0, -5, -1)]:
    print(args, list(range(*args)))
total = 0
for i in range(1, 11):
    total += i * i
print(total)
print(range(3).start, range(1, 7, 2).stop, range(1, 7, 2).step)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
