# Arithmetic crossing the machine-word boundary inside loops.
x = 1
for i in range(70):
    x = x * 2 + (i & 1)
print(x, x.bit_length())
y = 2 ** 63 - 5
for i in range(10):
    y += 1
print(y, y - 2 ** 63)
z = -(2 ** 63) + 3
for i in range(6):
    z -= 1
print(z)
m = 1
for i in range(1, 25):
    m *= i
    if i % 6 == 0:
        print(i, m)
h = 0
for c in "overflowing hash computation":
    h = h * 1000003 + ord(c)
print(h, h % (2 ** 64), h.bit_length())
