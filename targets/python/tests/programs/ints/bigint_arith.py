# Arbitrary-precision integers: growth past machine words, all operators.
a = 2 ** 64
b = 3 ** 50
print(a, b, a + b, a - b, b - a, a * b)
print(b // a, b % a, divmod(b, a), -b // a, -b % a)
print(a * a * a, (a * a * a).bit_length())
print(2 ** 100 - 1, (2 ** 100 - 1) & 0xFFFF, (2 ** 100) >> 90, 1 << 100)
print(9223372036854775807 + 1, -9223372036854775808 - 1, 9223372036854775807 * 2)
print(-(2 ** 63), abs(-(2 ** 70)), -(-(2 ** 63)))
x = 1
for i in range(1, 40):
    x *= i
print(x)
print(x // 10 ** 40, x % 10 ** 10)
print(10 ** 30 == 10 ** 30, 10 ** 30 < 10 ** 31, 2 ** 64 > 2 ** 63, hash(2 ** 61 - 1) == 2 ** 61 - 1)
print(int("123456789012345678901234567890") * 3)
print(str(7 ** 77)[:20], len(str(7 ** 77)))
