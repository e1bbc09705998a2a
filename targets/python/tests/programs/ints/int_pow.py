# Powers: negative exponents give floats, three-argument pow is modular.
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4, 2 ** -2, 10 ** -3)
print(pow(3, 4), pow(3, 4, 5), pow(2, 100, 1000000007), pow(-3, 3, 7), pow(3, -1, 7))
print(7 ** 40, (-7) ** 41)
print(pow(2, 0.5), 4 ** 0.5, (-8) ** (1 / 3) if False else "skip complex")
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
