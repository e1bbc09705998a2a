# Converting big integers to and from strings in several bases.
n = 3 ** 200
s = str(n)
print(len(s), s[:15], s[-15:], int(s) == n)
print(hex(n)[:20], int(hex(n), 16) == n, bin(n).count("1"), oct(n)[-6:])
print(format(n, ",")[:23], format(2 ** 100, "x"), format(-(2 ** 70), "b"))
print(int("-" + "9" * 50) + 1, int("1" + "0" * 40, 2))
