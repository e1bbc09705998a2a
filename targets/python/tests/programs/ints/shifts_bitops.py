# Shifts and bitwise operators on positive, negative and big integers.
for v in (0, 1, 5, -1, -5, 255, -256, 2 ** 65 + 3):
    print(v, v << 3, v >> 1, v >> 70, v & 0xF0, v | 0x0F, v ^ -1, ~v)
print(1 << 0, 1 << 63, 1 << 64, -1 << 64, (1 << 64) >> 63)
print(-8 >> 1, -9 >> 1, -1 >> 100, 7 >> 100)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
print((-12) & 0xFF, (-12) | 3, (-12) ^ 5)
